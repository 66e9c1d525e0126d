package io.memtile.physics.crossbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IrDropSolverTest {
    /**
     * Brute force: the full nodal matrix of the same network (word-line nodes, bit-line nodes,
     * drivers and senses as described in IrDropSolver), solved by dense Gaussian elimination for a
     * unit voltage on each row in turn: T[c][r] = sense current of column c.
     */
    static double[][] denseTransfer(int rows, int cols, double[] g, double rw, boolean[] sensed) {
        int n = rows * cols, m = 2 * n;
        double gw = 1 / rw;
        double[][] t = new double[cols][rows];
        for (int drive = 0; drive < rows; drive++) {
            double[][] a = new double[m][m + 1];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int k = r * cols + c, kb = n + k;
                    // word-line node
                    a[k][k] += g[k];
                    a[k][kb] -= g[k];
                    if (c == 0) { a[k][k] += gw; if (r == drive) a[k][m] += gw; }
                    else { a[k][k] += gw; a[k][k - 1] -= gw; }
                    if (c < cols - 1) { a[k][k] += gw; a[k][k + 1] -= gw; }
                    // bit-line node
                    a[kb][kb] += g[k];
                    a[kb][k] -= g[k];
                    if (r > 0) { a[kb][kb] += gw; a[kb][kb - cols] -= gw; }
                    if (r < rows - 1) { a[kb][kb] += gw; a[kb][kb + cols] -= gw; }
                    else if (sensed[c]) a[kb][kb] += gw;
                }
            }
            double[] x = gauss(a);
            for (int c = 0; c < cols; c++) t[c][drive] = sensed[c] ? gw * x[n + (rows - 1) * cols + c] : 0;
        }
        return t;
    }

    static double[] gauss(double[][] a) {
        int m = a.length;
        for (int i = 0; i < m; i++) {
            int p = i;
            for (int k = i + 1; k < m; k++) if (Math.abs(a[k][i]) > Math.abs(a[p][i])) p = k;
            double[] tmp = a[i]; a[i] = a[p]; a[p] = tmp;
            for (int k = i + 1; k < m; k++) {
                double f = a[k][i] / a[i][i];
                if (f == 0) continue;
                for (int j = i; j <= m; j++) a[k][j] -= f * a[i][j];
            }
        }
        double[] x = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double s = a[i][m];
            for (int j = i + 1; j < m; j++) s -= a[i][j] * x[j];
            x[i] = s / a[i][i];
        }
        return x;
    }

    static double[] randomCells(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] g = new double[rows * cols];
        for (int i = 0; i < g.length; i++) g[i] = 1e-5 + (1e-3 - 1e-5) * r.nextDouble();
        return g;
    }

    @Test
    void reciprocalPairSolveMatchesDenseForwardSolve() {
        int rows = 7, cols = 6;
        double[] g = randomCells(rows, cols, 3);
        boolean[] sensed = {true, true, false, true, true, true};
        double rw = 25.0; // strong IR drop so the test is not trivially close to the ideal
        double[][] t = denseTransfer(rows, cols, g, rw, sensed);
        IrDropSolver s = new IrDropSolver(rows, cols, g, rw, sensed);
        double[] pair = s.pairTransfer(0, 4);
        double maxRel = 0, maxIdealGap = 0;
        for (int r = 0; r < rows; r++) {
            double want = t[0][r] - t[4][r];
            maxRel = Math.max(maxRel, Math.abs(pair[r] - want) / Math.abs(t[0][r]));
            maxIdealGap = Math.max(maxIdealGap, Math.abs(want - (g[r * cols] - g[r * cols + 4])) / g[r * cols]);
        }
        assertTrue(maxRel < 1e-9, "PCG vs dense: " + maxRel);
        assertTrue(maxIdealGap > 0.01, "wire resistance must matter in this test: " + maxIdealGap);
        // forward solve agrees too
        double[] v = new double[rows];
        v[2] = 0.3;
        double[] cur = s.senseCurrents(s.solveForward(v));
        for (int c = 0; c < cols; c++) assertEquals(0.3 * t[c][2], cur[c], 1e-12 + 1e-9 * Math.abs(cur[c]));
    }

    @Test
    void vanishingWireResistanceGivesTheIdealCrossbar() {
        int rows = 16, cols = 12;
        double[] g = randomCells(rows, cols, 5);
        boolean[] sensed = new boolean[cols];
        java.util.Arrays.fill(sensed, true);
        IrDropSolver s = new IrDropSolver(rows, cols, g, 1e-6, sensed);
        double[] pair = s.pairTransfer(3, 8);
        for (int r = 0; r < rows; r++) {
            double ideal = g[r * cols + 3] - g[r * cols + 8];
            assertEquals(ideal, pair[r], 1e-6 * 1e-3);
        }
    }

    @Test
    void farCellsLoseMoreThanNearCells() {
        int rows = 64, cols = 64;
        double[] g = new double[rows * cols];
        java.util.Arrays.fill(g, 1e-4);
        boolean[] sensed = new boolean[cols];
        java.util.Arrays.fill(sensed, true);
        IrDropSolver s = new IrDropSolver(rows, cols, g, 2.5, sensed);
        double[] near = s.pairTransfer(0, -1), far = s.pairTransfer(cols - 1, -1);
        // row 0 is farthest from the bit-line senses; column cols-1 farthest from the drivers
        assertTrue(near[rows - 1] > near[0]);
        assertTrue(near[rows - 1] > far[rows - 1]);
        assertTrue(far[0] < 1e-4 && far[0] > 0);
    }
}
