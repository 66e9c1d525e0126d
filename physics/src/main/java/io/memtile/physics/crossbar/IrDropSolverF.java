package io.memtile.physics.crossbar;

/**
 * The pair transfers of {@link IrDropSolver#pairTransfers}, solved in float32 for the compiler's IR-drop pass.
 *
 * <p>Same network, same method (CG on the bit-line Schur complement, preconditioned by exact tridiagonal solves
 * along the bit lines, many pairs per chunk), made cheaper where the compiler's use allows:
 * <ul>
 *   <li>float32 vectors and coefficients, 16 right-hand sides per chunk (one AVX-512 vector): half the memory
 *       traffic per pair and half the chunks, so the word-line recurrences, which are latency-bound, run once per
 *       16 pairs instead of per 8;</li>
 *   <li>three sweeps per iteration instead of six: the direction update is fused into the Schur product, the
 *       residual update into the preconditioner's forward sweep, and the solution is never stored; the
 *       transfer (the driver current gw a(r, 0), linear in the bit-line voltages) is accumulated from the
 *       word-line solve the Schur product computes anyway;</li>
 *   <li>three work vectors (r, p, and one that holds q and then z), reused across solves by one instance.</li>
 * </ul>
 * Accuracy: the float32 recursion reaches a relative residual near 1e-7; the transfers then agree with the
 * float64 solve to ~1e-6 of the tile's largest transfer (IrDropSolverFTest), well below the 1/64 level step the
 * compiler rounds to. The simulator keeps the float64 {@link IrDropSolver}.
 *
 * <p>Not thread-safe: one instance per worker thread, reused for every tile of the same shape.
 */
public final class IrDropSolverF {
    static final int M = ChunkOpsF.M;
    private final int rows, cols, n;
    private final ChunkOpsF ops;
    // coefficients of the current tile (see set)
    private final float[] g, gs, nwm, wInv, gwInv, nbm, bInv, gbInv;
    private float gw;
    // work vectors of one chunk: residual, direction, and w = q (Schur product), then y/z (preconditioner)
    private final float[] r, p, w, t;
    // column-0 word-line value of every row from the last Schur product: the transfer's increment per alpha
    private final float[] t0;
    private final double[] pq = new double[M], rz = new double[M], rzOld = new double[M], rr = new double[M], bnorm = new double[M];
    private final float[] alphaNeg = new float[M], beta = new float[M];
    private final boolean[] done = new boolean[M];
    private int lastIterations;

    /** A solver for tiles of {@code rows} x {@code cols}; {@code simd}: the vector kernel when available. */
    public IrDropSolverF(int rows, int cols, boolean simd) {
        this.rows = rows;
        this.cols = cols;
        this.n = rows * cols;
        this.ops = chunkOps(simd);
        g = new float[n];
        gs = new float[cols];
        nwm = new float[n];
        wInv = new float[n];
        gwInv = new float[n];
        nbm = new float[n];
        bInv = new float[n];
        gbInv = new float[n];
        r = new float[n * M];
        p = new float[n * M];
        w = new float[n * M];
        t = new float[cols * M];
        t0 = new float[rows * M];
    }

    /** {@link #IrDropSolverF(int, int, boolean)} with the JVM's SIMD setting ({@code -Dmemtile.simd}). */
    public IrDropSolverF(int rows, int cols) {
        this(rows, cols, io.memtile.physics.mif.lanes.LaneKernels.simdEnabled());
    }

    static ChunkOpsF chunkOps(boolean simd) {
        if (simd && io.memtile.physics.mif.lanes.LaneKernels.simdAvailable()) return VectorHolder.ops();
        return new ScalarChunkOpsF();
    }

    /** Keeps the incubator classes out of this class's own linkage. */
    private static final class VectorHolder {
        static ChunkOpsF ops() { return new VectorChunkOpsF(); }
    }

    public int lastIterations() { return lastIterations; }

    /**
     * Row vectors T[plusCols[i]][r] - T[minusCols[i]][r] (siemens) of every pair i on the tile with cell conductances
     * {@code gCells} (row-major), wire resistance {@code rWire} per pitch and sense amplifiers on {@code sensed}
     * columns ({@code minusCols[i]} may be -1: a single column); each chunk's CG runs until every lane's residual is
     * at most {@code relTol} of its source.
     */
    public double[][] pairTransfers(double[] gCells, double rWire, boolean[] sensed, int[] plusCols, int[] minusCols, double relTol) {
        if (plusCols.length != minusCols.length) throw new IllegalArgumentException("plus/minus column counts differ");
        if (gCells.length != n || sensed.length != cols) throw new IllegalArgumentException("tile shape differs from the solver's");
        set(gCells, rWire, sensed);
        double[][] out = new double[plusCols.length][];
        int its = 0;
        for (int s = 0; s < plusCols.length; s += M) {
            its = Math.max(its, solveChunk(plusCols, minusCols, s, Math.min(M, plusCols.length - s), relTol, out));
        }
        lastIterations = its;
        return out;
    }

    /** The tile's coefficients, computed in double (as {@link IrDropSolver}'s) and stored as float. */
    private void set(double[] gc, double rWire, boolean[] sensed) {
        if (!(rWire > 0)) throw new IllegalArgumentException("wire resistance must be > 0 for IR-drop solving");
        double gwd = 1.0 / rWire;
        gw = (float) gwd;
        for (int row = 0; row < rows; row++) {
            int base = row * cols;
            double aw = 0;
            for (int c = 0; c < cols; c++) {
                int k = base + c;
                double gk = gc[k];
                g[k] = (float) gk;
                double diagA = gwd + (c < cols - 1 ? gwd : 0) + gk;
                // Thomas along the word line: pivot aw_c = diagA_c - gw^2 / aw_{c-1}; forward multiplier gw / aw_{c-1}
                double awc = c == 0 ? diagA : diagA - gwd * gwd / aw;
                nwm[k] = c == 0 ? 0f : (float) (gwd / aw);
                wInv[k] = (float) (1.0 / awc);
                gwInv[k] = (float) (gwd / awc);
                aw = awc;
            }
        }
        for (int c = 0; c < cols; c++) gs[c] = sensed[c] ? gw : 0f;
        double[] bw = new double[cols];
        for (int row = 0; row < rows; row++) {
            for (int c = 0; c < cols; c++) {
                int k = row * cols + c;
                double diagB = (row > 0 ? gwd : 0) + (row < rows - 1 ? gwd : (sensed[c] ? gwd : 0)) + gc[k];
                double bwk = row == 0 ? diagB : diagB - gwd * gwd / bw[c];
                nbm[k] = row == 0 ? 0f : (float) (gwd / bw[c]);
                bInv[k] = (float) (1.0 / bwk);
                gbInv[k] = (float) (gwd / bwk);
                bw[c] = bwk;
            }
        }
    }

    /**
     * Lane j's source f = {@code v} at the sense end of column c, and its preconditioned residual z = B^-1 f written
     * straight into w: f sits on the last row only, so the bit-line solve's forward sweep leaves it unchanged and the
     * backward sweep only scales it up column c (z = gbInv z(row below)); every other entry of z is 0. This saves the
     * two full sweeps the general preconditioner would take, with the same float operations on the nonzero entries.
     */
    private void source(int j, int c, float v) {
        int last = (rows - 1) * cols;
        r[(last + c) * M + j] = v;
        rr[j] += v * v;
        float z = v * bInv[last + c];
        w[(last + c) * M + j] = z;
        rz[j] += v * z;
        for (int row = rows - 2; row >= 0; row--) {
            int k = row * cols + c;
            z = gbInv[k] * z;
            w[k * M + j] = z;
        }
    }

    private int solveChunk(int[] plus, int[] minus, int s, int cnt, double tol, double[][] out) {
        java.util.Arrays.fill(r, 0f);
        java.util.Arrays.fill(w, 0f);
        java.util.Arrays.fill(rr, 0);
        java.util.Arrays.fill(rz, 0);
        double[] acc = new double[cnt * rows];
        int last = (rows - 1) * cols;
        for (int j = 0; j < M; j++) {
            bnorm[j] = 0;
            if (j >= cnt) continue;
            int pc = plus[s + j], mc = minus[s + j];
            if (pc == mc) continue; // no source: the transfer is 0
            bnorm[j] = mc >= 0 ? gw * Math.sqrt(2) : gw;
            source(j, pc, gw);
            if (mc >= 0) source(j, mc, -gw);
        }
        int it = 0;
        for (;; it++) {
            boolean all = true;
            for (int j = 0; j < M; j++) {
                done[j] = Math.sqrt(rr[j]) <= tol * bnorm[j] || rz[j] == 0;
                all &= done[j];
            }
            if (all) break;
            if (it >= 20_000) throw new IllegalStateException("IR-drop solve did not converge in 20000 iterations");
            if (it > 0) {
                for (int j = 0; j < M; j++) beta[j] = done[j] || rzOld[j] == 0 ? 0f : (float) (rz[j] / rzOld[j]);
            }
            // p = z + beta p, fused into q = S p (a row's product needs the rows above and below updated)
            java.util.Arrays.fill(pq, 0);
            ops.updateP(w, p, beta, 0, cols, it == 0);
            for (int row = 0; row < rows; row++) {
                if (row + 1 < rows) ops.updateP(w, p, beta, (row + 1) * cols, cols, it == 0);
                ops.wordLine(p, row * cols, cols, g, nwm, wInv, gwInv, t);
                System.arraycopy(t, 0, t0, row * M, M);
                ops.sRow(p, w, t, row * cols, cols, row > 0, row < rows - 1, g, gs, gw, pq);
            }
            for (int j = 0; j < M; j++) {
                float a = done[j] || pq[j] == 0 ? 0f : (float) (rz[j] / pq[j]);
                alphaNeg[j] = -a;
                if (j < cnt && a != 0) {
                    for (int row = 0; row < rows; row++) acc[j * rows + row] += (double) a * t0[row * M + j];
                }
            }
            // r -= alpha q fused with the preconditioner's forward sweep, then its backward sweep
            java.util.Arrays.fill(rr, 0);
            for (int row = 0; row < rows; row++) ops.updateRForward(r, w, alphaNeg, nbm, row * cols, cols, row == 0, rr);
            boolean converged = true;
            for (int j = 0; j < M; j++) converged &= Math.sqrt(rr[j]) <= tol * bnorm[j];
            if (converged) { // every lane done: the backward sweep would only feed a next direction
                it++;
                break;
            }
            System.arraycopy(rz, 0, rzOld, 0, M);
            java.util.Arrays.fill(rz, 0);
            for (int row = rows - 1; row >= 0; row--) ops.backward(r, w, bInv, gbInv, row * cols, cols, row == rows - 1, rz);
        }
        for (int j = 0; j < cnt; j++) {
            double[] o = out[s + j] = new double[rows];
            for (int row = 0; row < rows; row++) o[row] = gw * acc[j * rows + row];
        }
        return it;
    }
}
