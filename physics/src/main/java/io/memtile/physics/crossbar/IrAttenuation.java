package io.memtile.physics.crossbar;

/**
 * Per-cell IR-drop attenuation of a crossbar tile with resistive word and bit lines: the factor
 * a(r, c) such that the sense current of column c per volt on row r is approximately
 * a(r, c) * g(r, c). Same network as the simulator's exact solver ({@code sim.chip.IrDropSolver}):
 * word line r is driven from its c = 0 end through one wire segment (resistance {@code rWire} per
 * cell pitch) and is open at c = cols-1; bit line c is open at r = 0 and reaches its sense amplifier
 * (virtual ground) one segment below r = rows-1; unsensed columns float.
 *
 * <p>Why an approximation: the exact transfer needs one 2·rows·cols-node solve per column, too slow
 * to redo during training, and it is not a per-cell quantity, so it cannot be differentiated per
 * weight. This model decouples the two line families, each solved exactly as a ladder (tridiagonal):
 * <ul>
 *   <li>word line r at 1 V with every bit line at 0 V: node voltages alpha(r, c); a cell on a
 *       floating column loads the line only through the series path back into the other rows
 *       (g * S / (g + S), S = the column's other cells);</li>
 *   <li>bit line c with every other word line at 0 V: by reciprocity the fraction of a current
 *       injected at row r that reaches the sense node equals the voltage at r when the sense node is
 *       driven at 1 V with every cell a shunt to ground: beta(r, c).</li>
 * </ul>
 * a(r, c) = alpha(r, c) * beta(r, c). The neglected coupling (bit-line voltages raising the
 * word-line cell voltages and vice versa) is second order in rWire * g; the simulator's test suite
 * compares this model with the exact solve.
 */
public final class IrAttenuation {
    private IrAttenuation() {}

    /**
     * @param g      cell conductances, row-major r*cols + c (S)
     * @param rWire  wire resistance per cell pitch (ohm), &gt; 0
     * @param sensed whether column c has a sense amplifier
     * @return a(r, c) for every cell, row-major
     */
    public static double[] factors(int rows, int cols, double[] g, double rWire, boolean[] sensed) {
        if (!(rWire > 0)) throw new IllegalArgumentException("wire resistance must be > 0");
        double gw = 1.0 / rWire;
        double[] colSum = new double[cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) colSum[c] += g[r * cols + c];
        double[] out = new double[rows * cols];
        double[] shunt = new double[Math.max(rows, cols)];
        double[] x = new double[Math.max(rows, cols)];
        double[] work = new double[Math.max(rows, cols)];
        // word lines: driver (1 V) -- gw -- a0 -- gw -- a1 ... a_{cols-1} (open)
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double gc = g[r * cols + c];
                if (sensed[c]) {
                    shunt[c] = gc;
                } else {
                    double s = colSum[c] - gc;
                    shunt[c] = s + gc > 0 ? gc * s / (gc + s) : 0;
                }
            }
            ladder(cols, shunt, gw, x, work);
            for (int c = 0; c < cols; c++) out[r * cols + c] = x[c];
        }
        // bit lines, reversed so the driven end is index 0: sense (1 V) -- gw -- b_{rows-1} ... b_0 (open)
        for (int c = 0; c < cols; c++) {
            if (!sensed[c]) {
                for (int r = 0; r < rows; r++) out[r * cols + c] = 0;
                continue;
            }
            for (int k = 0; k < rows; k++) shunt[k] = g[(rows - 1 - k) * cols + c];
            ladder(rows, shunt, gw, x, work);
            for (int k = 0; k < rows; k++) out[(rows - 1 - k) * cols + c] *= x[k];
        }
        return out;
    }

    /**
     * Node voltages of a ladder driven at 1 V through gw into node 0, nodes joined by gw, node k
     * shunted to ground by shunt[k], last node open. Thomas algorithm on the SPD tridiagonal system.
     */
    static void ladder(int n, double[] shunt, double gw, double[] x, double[] cp) {
        // diag_k = shunt_k + gw (left) + gw (right, except the last); off-diagonal -gw; rhs_0 = gw * 1 V
        double d0 = shunt[0] + gw + (n > 1 ? gw : 0);
        cp[0] = -gw / d0;
        x[0] = gw / d0;
        for (int k = 1; k < n; k++) {
            double d = shunt[k] + gw + (k < n - 1 ? gw : 0);
            double m = d + gw * cp[k - 1];
            cp[k] = -gw / m;
            x[k] = (gw * x[k - 1]) / m;
        }
        for (int k = n - 2; k >= 0; k--) x[k] -= cp[k] * x[k + 1];
    }
}
