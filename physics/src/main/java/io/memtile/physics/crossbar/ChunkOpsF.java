package io.memtile.physics.crossbar;

/**
 * The inner loops of {@link IrDropSolverF}'s float32 chunked CG: every vector holds {@link #M} right-hand sides
 * interleaved node-major (index node * M + j), and every operation works on all M lanes of a node, one row of
 * the tile (nodes base .. base + cols - 1) per call.
 *
 * <p>Two implementations, {@link ScalarChunkOpsF} (plain loops) and {@code VectorChunkOpsF} (the JDK vector API).
 * Both do the same IEEE float operations in the same order, fused multiply-adds included ({@link Math#fma} is
 * exactly rounded, like the vector API's {@code fma}), so they give bit-identical results. Dot products are
 * accumulated per row in float and then added, per lane, to a double total.
 */
interface ChunkOpsF {
    /** Right-hand sides per chunk: 16 floats, one AVX-512 vector. */
    int M = 16;

    /** p = z + beta p on one row ({@code first}: p = z). */
    void updateP(float[] z, float[] p, float[] beta, int base, int cols, boolean first);

    /**
     * t = A_row^-1 (G p) on the word line of one row (Thomas solve, both sweeps one fused multiply-add per node on
     * the recurrence): forward y_c = fma(nwm_c, y_{c-1}, g_c p_c), backward t_c = fma(gwInv_c, t_{c+1}, wInv_c y_c).
     */
    void wordLine(float[] p, int base, int cols, float[] g, float[] nwm, float[] wInv, float[] gwInv, float[] t);

    /**
     * One row of q = S p = B p - G t in difference form, so that the bit-line Laplacian's large terms (2 gw p against
     * a result of order g p) never cancel in float: q = gw (p - p(up)) + gw (p - p(down)) + g (p - t), plus gs p on
     * the last row (gs[c]: the sense amplifier's wire, gw or 0 for a floating column); pq += p . q per lane.
     */
    void sRow(float[] p, float[] q, float[] t, int base, int cols, boolean up, boolean down, float[] g, float[] gs, float gw,
              double[] pq);

    /**
     * r -= alpha w (w holds q), rr += r . r per lane, then the forward sweep of the bit-line solve into w:
     * y = r + nbm y(row above), or y = r on row 0 ({@code first}).
     */
    void updateRForward(float[] r, float[] w, float[] alpha, float[] nbm, int base, int cols, boolean first, double[] rr);

    /** Backward sweep of the bit-line solve in place in w: z = wInv-scaled y plus the row below; rz += r . z per lane. */
    void backward(float[] r, float[] w, float[] bInv, float[] gbInv, int base, int cols, boolean last, double[] rz);
}
