package io.memtile.physics.crossbar;

/**
 * Exact DC solution of one tile with resistive word and bit lines (IR drop).
 *
 * <p>Network: every cell (r, c) has a word-line node a(r,c) and a bit-line node b(r,c) joined by the
 * cell conductance g(r,c). Word line r is driven from its c = 0 end through one wire segment
 * (resistance {@code rWire} per cell pitch) and runs to an open end at c = cols-1; bit line c runs from
 * an open end at r = 0 to its sense amplifier (virtual ground) one segment below r = rows-1. Columns that
 * no block uses are not connected to a sense amplifier (they float); word lines that carry no input are
 * held at 0 V by their driver. With the conductances fixed this is a linear network, so the
 * crossbar is exactly a transfer matrix T (sense current of column c per volt on row r), which the
 * simulator precomputes once per chip instance instead of solving every time step.
 *
 * <p>What we need is the differential transfer of a neuron's column pair, T[c+][r] - T[c-][r], for
 * all rows. By reciprocity of a resistive network, the short-circuit current into row driver r when
 * sense port c is raised to 1 V equals T[c][r]; so one solve with +1 V on c+ and -1 V on c-
 * (all drivers at 0 V) yields the whole differential row vector: one solve per column pair instead of
 * one per row.
 *
 * <p>Solver (the one path that simulator and compiler use, {@link #pairTransfers}): the word-line nodes are
 * eliminated exactly (each word line is a tridiagonal system: A a = G b), which leaves the Schur complement
 * S = B - G A^-1 G on the bit-line nodes (symmetric positive definite). Conjugate gradients on S,
 * preconditioned with exact tridiagonal solves along every bit line (B^-1), then need about half the
 * iterations of line-block-Jacobi CG on the full nodal matrix, and each iteration does the same line sweeps.
 * Many column pairs are solved at once: their vectors are interleaved node-major (index node*M + j, M = 8), so
 * every sweep reads the tile's coefficients once for M right-hand sides, which are one vector ({@link ChunkOps}). The
 * full-system line-block-Jacobi CG is kept as {@link #pairTransferReference}, the reference that the fast path
 * is tested against (and that dense elimination checks in IrDropSolverTest).
 */
public final class IrDropSolver {
    private final int rows;
    private final int cols;
    private final int n;
    private final double[] g;
    private final double gw;
    private final boolean[] sensed;
    private final double[] diag;
    // line factorisations: multipliers m and pivots w for rows (a nodes) and columns (b nodes)
    private final double[] am, aw, bm, bw;
    private int lastIterations;
    // Schur path: bit-line diagonal, word-line factor (multipliers, inverse pivots), bit-line factor
    private final double[] dB, wm, wInv, bInv;
    /** Right-hand sides solved together: 8 doubles = one AVX-512 vector; 5 vectors of a 128x128 tile stay ~5 MB. */
    static final int CHUNK = ChunkOps.M;
    private static final ChunkOps OPS = chunkOps(io.memtile.physics.mif.lanes.LaneKernels.simdEnabled());
    /** Default relative residual of {@link #pairTransfers(int[], int[])}: far below any physical tolerance. */
    public static final double DEFAULT_TOL = 1e-12;

    public IrDropSolver(int rows, int cols, double[] g, double rWire, boolean[] sensedCols) {
        if (!(rWire > 0)) throw new IllegalArgumentException("wire resistance must be > 0 for IR-drop solving");
        this.rows = rows;
        this.cols = cols;
        this.n = rows * cols;
        this.g = g;
        this.gw = 1.0 / rWire;
        this.sensed = sensedCols;
        this.diag = new double[2 * n];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int k = r * cols + c;
                double gc = g[k];
                diag[k] = gw + (c < cols - 1 ? gw : 0) + gc;
                diag[n + k] = (r > 0 ? gw : 0) + (r < rows - 1 ? gw : (sensed[c] ? gw : 0)) + gc;
            }
        }
        am = new double[n];
        aw = new double[n];
        bm = new double[n];
        bw = new double[n];
        double e = -gw;
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            aw[base] = diag[base];
            for (int c = 1; c < cols; c++) {
                am[base + c] = e / aw[base + c - 1];
                aw[base + c] = diag[base + c] - am[base + c] * e;
            }
        }
        for (int c = 0; c < cols; c++) {
            bw[c] = diag[n + c];
            for (int r = 1; r < rows; r++) {
                int k = r * cols + c;
                bm[k] = e / bw[k - cols];
                bw[k] = diag[n + k] - bm[k] * e;
            }
        }
        dB = new double[n];
        wm = am;
        wInv = new double[n];
        bInv = new double[n];
        for (int k = 0; k < n; k++) {
            dB[k] = diag[n + k];
            wInv[k] = 1.0 / aw[k];
            bInv[k] = 1.0 / bw[k];
        }
    }

    public int lastIterations() { return lastIterations; }

    /** The chunk kernel: vector API when {@code simd} (and available), else plain loops; both bit-identical. */
    static ChunkOps chunkOps(boolean simd) {
        if (simd && io.memtile.physics.mif.lanes.LaneKernels.simdAvailable()) return VectorHolder.ops();
        return new ScalarChunkOps();
    }

    /** Keeps the incubator classes out of IrDropSolver's own linkage. */
    private static final class VectorHolder {
        static ChunkOps ops() { return new VectorChunkOps(); }
    }

    /**
     * Row vector T[plusCol][r] - T[minusCol][r] for r = 0..rows-1 (siemens): the differential
     * sense current of the pair per volt on each word line. {@code minusCol} may be -1 (single column).
     */
    public double[] pairTransfer(int plusCol, int minusCol) {
        return pairTransfers(new int[] {plusCol}, new int[] {minusCol})[0];
    }

    /** {@link #pairTransfer} of every pair (plusCols[i], minusCols[i]) at once, to relative residual {@link #DEFAULT_TOL}. */
    public double[][] pairTransfers(int[] plusCols, int[] minusCols) {
        return pairTransfers(plusCols, minusCols, null, DEFAULT_TOL);
    }

    /**
     * The fast path: row vectors T[plusCols[i]][r] - T[minusCols[i]][r] of every pair i, solved together by
     * CG on the bit-line Schur complement, each to relative residual {@code relTol} of its Schur system.
     *
     * @param warm null, or one slot per pair holding the bit-line node voltages (length rows*cols) of an earlier
     *             solve of the same pair (e.g. before a small conductance change) to start CG from; a null slot
     *             starts cold. Every slot is overwritten with (or given) this solve's voltages.
     */
    public double[][] pairTransfers(int[] plusCols, int[] minusCols, double[][] warm, double relTol) {
        if (plusCols.length != minusCols.length) throw new IllegalArgumentException("plus/minus column counts differ");
        if (warm != null && warm.length != plusCols.length) throw new IllegalArgumentException("one warm-start slot per pair");
        double[][] out = new double[plusCols.length][];
        Chunk w = null;
        int its = 0;
        for (int s = 0; s < plusCols.length; s += CHUNK) {
            // a short last chunk is padded with empty right-hand sides (zero source: converged at once)
            if (w == null) w = new Chunk();
            its = Math.max(its, solveChunk(plusCols, minusCols, s, Math.min(CHUNK, plusCols.length - s), w, warm, relTol, out));
        }
        lastIterations = its;
        return out;
    }

    /** Work vectors of one chunk of CHUNK right-hand sides (interleaved node-major). */
    private final class Chunk {
        final double[] x, r, z, p, q, t;
        final double[] bnorm, rz, pq, rr, alpha;
        final boolean[] done;

        Chunk() {
            int m = CHUNK;
            x = new double[n * m];
            r = new double[n * m];
            z = new double[n * m];
            p = new double[n * m];
            q = new double[n * m];
            t = new double[cols * m];
            bnorm = new double[m];
            rz = new double[m];
            pq = new double[m];
            rr = new double[m];
            alpha = new double[m];
            done = new boolean[m];
        }
    }

    private int solveChunk(int[] plus, int[] minus, int s, int cnt, Chunk w, double[][] warm, double tol, double[][] out) {
        double[] x = w.x, r = w.r, z = w.z, p = w.p, q = w.q;
        java.util.Arrays.fill(x, 0);
        boolean cold = true;
        if (warm != null) {
            for (int j = 0; j < cnt; j++) {
                double[] x0 = warm[s + j];
                if (x0 == null) continue;
                cold = false;
                for (int k = 0; k < n; k++) x[k * CHUNK + j] = x0[k];
            }
        }
        java.util.Arrays.fill(w.bnorm, 0);
        for (int j = 0; j < cnt; j++) {
            int pc = plus[s + j], mc = minus[s + j];
            w.bnorm[j] = mc == pc ? 0 : mc >= 0 ? gw * Math.sqrt(2) : gw;
            if (w.bnorm[j] == 0) {
                for (int k = 0; k < n; k++) x[k * CHUNK + j] = 0; // no source: the solution is 0
            }
        }
        // r = f - S x, f = gw at the sense port of the plus column and -gw at the minus column's (x = 0: r = f)
        if (cold) {
            java.util.Arrays.fill(r, 0);
        } else {
            applyS(x, q, w, null);
            for (int i = 0; i < r.length; i++) r[i] = -q[i];
        }
        int last = (rows - 1) * cols;
        for (int j = 0; j < cnt; j++) {
            int pc = plus[s + j], mc = minus[s + j];
            if (w.bnorm[j] == 0) continue;
            r[(last + pc) * CHUNK + j] += gw;
            if (mc >= 0) r[(last + mc) * CHUNK + j] -= gw;
        }
        precondition(r, z, w, w.rz);
        System.arraycopy(z, 0, p, 0, z.length);
        java.util.Arrays.fill(w.rr, 0);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < CHUNK; j++) w.rr[j] += r[k * CHUNK + j] * r[k * CHUNK + j];
        }
        int it = 0;
        for (;; it++) {
            boolean all = true;
            for (int j = 0; j < CHUNK; j++) {
                w.done[j] = Math.sqrt(w.rr[j]) <= tol * w.bnorm[j] || w.rz[j] == 0;
                all &= w.done[j];
            }
            if (all) break;
            if (it >= 20_000) throw new IllegalStateException("IR-drop solve did not converge in 20000 iterations");
            applyS(p, q, w, w.pq);
            for (int j = 0; j < CHUNK; j++) w.alpha[j] = w.done[j] || w.pq[j] == 0 ? 0 : w.rz[j] / w.pq[j];
            java.util.Arrays.fill(w.rr, 0);
            // per row, like the other sweeps: short hot loops get compiled as a whole (not only on-stack replaced)
            for (int row = 0; row < rows; row++) OPS.updateXR(x, r, p, q, w.alpha, w.rr, row * cols, cols);
            double[] rzOld = w.pq; // reuse: pq is recomputed by the next applyS
            System.arraycopy(w.rz, 0, rzOld, 0, CHUNK);
            precondition(r, z, w, w.rz);
            double[] beta = w.alpha;
            for (int j = 0; j < CHUNK; j++) beta[j] = w.done[j] || rzOld[j] == 0 ? 0 : w.rz[j] / rzOld[j];
            for (int row = 0; row < rows; row++) OPS.updateP(z, p, beta, row * cols, cols);
        }
        // word-line voltages a = A^-1 G b; the transfer per row is the driver current gw * a(r, 0)
        double[] t = w.t;
        for (int j = 0; j < cnt; j++) out[s + j] = new double[rows];
        for (int row = 0; row < rows; row++) {
            OPS.wordLine(x, row * cols, cols, g, wm, wInv, gw, t);
            for (int j = 0; j < cnt; j++) out[s + j][row] = gw * t[j];
        }
        if (warm != null) {
            for (int j = 0; j < cnt; j++) {
                double[] x0 = warm[s + j];
                if (x0 == null || x0.length != n) x0 = warm[s + j] = new double[n];
                for (int k = 0; k < n; k++) x0[k] = x[k * CHUNK + j];
            }
        }
        return it;
    }

    /** q = S p = B p - G A^-1 G p, row by row (the word-line solve of a row stays in cache); pq[j] = p_j . q_j if non-null. */
    private void applyS(double[] p, double[] q, Chunk w, double[] pq) {
        if (pq != null) java.util.Arrays.fill(pq, 0);
        for (int row = 0; row < rows; row++) {
            OPS.wordLine(p, row * cols, cols, g, wm, wInv, gw, w.t);
            OPS.sRow(p, q, w.t, row * cols, cols, row > 0, row < rows - 1, dB, g, gw, pq);
        }
    }

    /** z = B^-1 r (exact tridiagonal solves along every bit line); rz[j] = r_j . z_j. */
    private void precondition(double[] r, double[] z, Chunk w, double[] rz) {
        System.arraycopy(r, 0, z, 0, cols * CHUNK);
        for (int row = 1; row < rows; row++) OPS.precondForwardRow(r, z, bm, row * cols, cols);
        java.util.Arrays.fill(rz, 0);
        for (int row = rows - 1; row >= 0; row--) OPS.precondBackwardRow(r, z, bInv, row * cols, cols, row == rows - 1, gw, rz);
    }

    /**
     * The reference solve: line-block-Jacobi CG on the full nodal matrix (word- and bit-line nodes), starting
     * from {@code x} (all zeros for a cold start), converged to relative residual {@code relTol}. The fast
     * path {@link #pairTransfers} is tested against it.
     */
    public double[] pairTransferReference(int plusCol, int minusCol, double[] x, double relTol) {
        double[] b = new double[2 * n];
        int last = (rows - 1) * cols;
        b[n + last + plusCol] += gw;
        if (minusCol >= 0) b[n + last + minusCol] -= gw;
        solve(b, x, relTol);
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) out[r] = gw * x[r * cols];
        return out;
    }

    /** Word-line voltages a(r,c) and bit-line voltages b(r,c) for row drives {@code v} (senses at 0 V). Used by tests and energy checks. */
    public double[] solveForward(double[] v) {
        double[] b = new double[2 * n];
        for (int r = 0; r < rows; r++) b[r * cols] += gw * v[r];
        return solve(b);
    }

    /** Sense current of every column for a node solution of {@link #solveForward}. */
    public double[] senseCurrents(double[] x) {
        double[] out = new double[cols];
        int last = (rows - 1) * cols;
        for (int c = 0; c < cols; c++) out[c] = sensed[c] ? gw * x[n + last + c] : 0;
        return out;
    }

    private void matvec(double[] x, double[] y) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                int k = base + c;
                double s = diag[k] * x[k] - g[k] * x[n + k];
                if (c > 0) s -= gw * x[k - 1];
                if (c < cols - 1) s -= gw * x[k + 1];
                y[k] = s;
                double t = diag[n + k] * x[n + k] - g[k] * x[k];
                if (r > 0) t -= gw * x[n + k - cols];
                if (r < rows - 1) t -= gw * x[n + k + cols];
                y[n + k] = t;
            }
        }
    }

    private void precondition(double[] rr, double[] z) {
        double e = -gw;
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            z[base] = rr[base];
            for (int c = 1; c < cols; c++) z[base + c] = rr[base + c] - am[base + c] * z[base + c - 1];
            z[base + cols - 1] /= aw[base + cols - 1];
            for (int c = cols - 2; c >= 0; c--) z[base + c] = (z[base + c] - e * z[base + c + 1]) / aw[base + c];
        }
        for (int c = 0; c < cols; c++) {
            z[n + c] = rr[n + c];
            for (int r = 1; r < rows; r++) {
                int k = r * cols + c;
                z[n + k] = rr[n + k] - bm[k] * z[n + k - cols];
            }
            int lastK = (rows - 1) * cols + c;
            z[n + lastK] /= bw[lastK];
            for (int r = rows - 2; r >= 0; r--) {
                int k = r * cols + c;
                z[n + k] = (z[n + k] - e * z[n + k + cols]) / bw[k];
            }
        }
    }

    private double[] solve(double[] b) {
        return solve(b, new double[2 * n], 1e-12);
    }

    private double[] solve(double[] b, double[] x, double tol) {
        int m = 2 * n;
        double[] r = b.clone(), z = new double[m], p = new double[m], q = new double[m];
        double bnorm = Math.sqrt(dot(b, b));
        if (bnorm == 0) { java.util.Arrays.fill(x, 0); return x; }
        matvec(x, q);
        for (int i = 0; i < m; i++) r[i] -= q[i];
        precondition(r, z);
        System.arraycopy(z, 0, p, 0, m);
        double rz = dot(r, z);
        int it = 0;
        for (; it < 20_000; it++) {
            if (Math.sqrt(dot(r, r)) <= tol * bnorm) break;
            matvec(p, q);
            double alpha = rz / dot(p, q);
            for (int i = 0; i < m; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * q[i];
            }
            precondition(r, z);
            double rzNew = dot(r, z);
            double beta = rzNew / rz;
            rz = rzNew;
            for (int i = 0; i < m; i++) p[i] = z[i] + beta * p[i];
        }
        lastIterations = it;
        if (it >= 20_000) throw new IllegalStateException("IR-drop solve did not converge in 20000 iterations");
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
