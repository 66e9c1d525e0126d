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
 * <p>Solver: conjugate gradients on the (symmetric positive definite) nodal matrix, preconditioned
 * with exact tridiagonal solves along every word line and every bit line (block Jacobi by lines):
 * the wire couplings, which make the matrix ill-conditioned (condition ~ N^2 of a line Laplacian),
 * are inverted exactly; only the cell couplings remain for CG to resolve. Converged to a relative
 * residual of 1e-12 (checked against dense elimination in IrDropSolverTest).
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
    }

    public int lastIterations() { return lastIterations; }

    /**
     * Row vector T[plusCol][r] - T[minusCol][r] for r = 0..rows-1 (siemens): the differential
     * sense current of the pair per volt on each word line. {@code minusCol} may be -1 (single column).
     */
    public double[] pairTransfer(int plusCol, int minusCol) {
        return pairTransfer(plusCol, minusCol, new double[2 * n], 1e-12);
    }

    /**
     * {@link #pairTransfer(int, int)} starting CG from {@code x} (node voltages of an earlier solve, e.g. of the
     * same pair before a small conductance change; all zeros for a cold start), converged to relative residual
     * {@code relTol}. {@code x} is overwritten with the solution, ready to warm-start the next solve.
     */
    public double[] pairTransfer(int plusCol, int minusCol, double[] x, double relTol) {
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
