package io.memtile.physics.crossbar;

/**
 * The inner loops of {@link IrDropSolver}'s chunked CG: every vector holds {@link #M} right-hand sides
 * interleaved node-major (index node * M + j), and every operation works on all M lanes of a node.
 *
 * <p>Two implementations: {@link ScalarChunkOps} (plain loops) and {@code VectorChunkOps} (the JDK vector API,
 * used when {@link io.memtile.physics.mif.lanes.LaneKernels#simdEnabled()}). Both do the same IEEE multiplies
 * and adds in the same order (no fused multiply-add), so they give bit-identical results (ChunkOpsTest).
 */
interface ChunkOps {
    /** Right-hand sides per chunk: 8 doubles, one AVX-512 vector. */
    int M = 8;

    /** t = A_row^-1 (G b) on the word line starting at node {@code base} (Thomas solve: multipliers wm, inverse pivots wInv). */
    void wordLine(double[] b, int base, int cols, double[] g, double[] wm, double[] wInv, double gw, double[] t);

    /**
     * One row of q = B p - G t: dB p minus gw times the bit-line neighbours above ({@code up}) and below
     * ({@code down}) minus g t; with {@code pq} non-null also pq += p . q per lane.
     */
    void sRow(double[] p, double[] q, double[] t, int base, int cols, boolean up, boolean down, double[] dB, double[] g, double gw,
              double[] pq);

    /** x += alpha p, r -= alpha q, rr += r . r (per lane) over nodes [from, from + count). */
    void updateXR(double[] x, double[] r, double[] p, double[] q, double[] alpha, double[] rr, int from, int count);

    /** Forward sweep of the bit-line solve on row base/cols >= 1: z = r - bm z(row above). */
    void precondForwardRow(double[] r, double[] z, double[] bm, int base, int cols);

    /** Backward sweep on one row: z = (z + gw z(row below)) * bInv, or z * bInv on the last row; rz += r . z. */
    void precondBackwardRow(double[] r, double[] z, double[] bInv, int base, int cols, boolean last, double gw, double[] rz);

    /** p = z + beta p over nodes [from, from + count). */
    void updateP(double[] z, double[] p, double[] beta, int from, int count);
}
