package io.memtile.physics.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /** A full tile at realistic levels (gOff + levels x step, IR drop strong) with unsensed columns and a single-column "pair". */
    static double[] levelCells(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double gOff = 1e-5, step = (1e-3 - 1e-5) / 64;
        double[] g = new double[rows * cols];
        for (int i = 0; i < g.length; i++) g[i] = gOff + step * Math.min(64, (int) Math.abs(r.nextGaussian() * 16));
        return g;
    }

    @Test
    void batchedSchurSolveMatchesTheReferenceSolve() {
        int rows = 96, cols = 80;
        double[] g = levelCells(rows, cols, 11);
        boolean[] sensed = new boolean[cols];
        for (int c = 0; c < cols - 6; c++) sensed[c] = true; // the last 6 columns float
        IrDropSolver s = new IrDropSolver(rows, cols, g, 2.5, sensed);
        // 19 pairs: more than two chunks, the last one short; one single-column entry (minus = -1)
        int np = 19;
        int[] pc = new int[np], mc = new int[np];
        for (int p = 0; p < np; p++) {
            pc[p] = 4 * p + 1;
            mc[p] = p == 7 ? -1 : 4 * p + 2;
        }
        double[][] fast = s.pairTransfers(pc, mc);
        double scale = 0, err = 0;
        for (int p = 0; p < np; p++) {
            double[] ref = s.pairTransferReference(pc[p], mc[p], new double[2 * rows * cols], 1e-13);
            for (int r = 0; r < rows; r++) {
                scale = Math.max(scale, Math.abs(ref[r]));
                err = Math.max(err, Math.abs(fast[p][r] - ref[r]));
            }
            assertArrayEquals(s.pairTransfer(pc[p], mc[p]), fast[p], 0, "single-pair call is the batched path");
        }
        assertTrue(err <= 1e-10 * scale, "fast vs reference, relative to the largest transfer: " + err / scale);
        // the compiler's looser tolerance stays within 1e-6 of the largest transfer
        double[][] loose = s.pairTransfers(pc, mc, null, 1e-8);
        double errLoose = 0;
        for (int p = 0; p < np; p++) {
            for (int r = 0; r < rows; r++) errLoose = Math.max(errLoose, Math.abs(loose[p][r] - fast[p][r]));
        }
        assertTrue(errLoose <= 1e-6 * scale, "1e-8 residual vs 1e-12: " + errLoose / scale);
    }

    @Test
    void warmStartConvergesToTheSameTransfersInFewerIterations() {
        int rows = 64, cols = 64;
        double[] g = levelCells(rows, cols, 12);
        boolean[] sensed = new boolean[cols];
        java.util.Arrays.fill(sensed, true);
        int[] pc = new int[32], mc = new int[32];
        for (int p = 0; p < 32; p++) {
            pc[p] = 2 * p;
            mc[p] = 2 * p + 1;
        }
        double[][] x = new double[32][];
        new IrDropSolver(rows, cols, g, 2.5, sensed).pairTransfers(pc, mc, x, 1e-10);
        // a small change of a few cells, as in one correction step of the irdrop pass
        double[] g2 = g.clone();
        for (int i = 0; i < g2.length; i += 37) g2[i] *= 1.05;
        IrDropSolver s2 = new IrDropSolver(rows, cols, g2, 2.5, sensed);
        double[][] cold = s2.pairTransfers(pc, mc, null, 1e-10);
        int coldIts = s2.lastIterations();
        double[][] warm = s2.pairTransfers(pc, mc, x, 1e-10);
        int warmIts = s2.lastIterations();
        for (int p = 0; p < 32; p++) assertArrayEquals(cold[p], warm[p], 1e-8 * 1e-3);
        assertTrue(warmIts < coldIts, "warm " + warmIts + " vs cold " + coldIts);
    }

    @Test
    void vectorAndScalarChunkKernelsAreBitIdentical() {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.memtile.physics.mif.lanes.LaneKernels.simdAvailable(), "vector API not in this JVM");
        int rows = 12, cols = 10, n = rows * cols, m = ChunkOps.M;
        SplittableRandom r = new SplittableRandom(4);
        double[][] v = new double[6][n * m];
        for (double[] a : v) for (int i = 0; i < a.length; i++) a[i] = r.nextDouble() - 0.5;
        double[] coef = levelCells(rows, cols, 5), lane = new double[m];
        for (int j = 0; j < m; j++) lane[j] = r.nextDouble();
        ChunkOps sc = IrDropSolver.chunkOps(false), ve = IrDropSolver.chunkOps(true);
        assertTrue(ve instanceof VectorChunkOps);
        double[][] a = deep(v), b = deep(v);
        double[] accA = lane.clone(), accB = lane.clone();
        for (int row = 0; row < rows; row++) {
            sc.wordLine(a[0], row * cols, cols, coef, coef, coef, 0.4, a[1]);
            ve.wordLine(b[0], row * cols, cols, coef, coef, coef, 0.4, b[1]);
            sc.sRow(a[0], a[2], a[1], row * cols, cols, row > 0, row < rows - 1, coef, coef, 0.4, accA);
            ve.sRow(b[0], b[2], b[1], row * cols, cols, row > 0, row < rows - 1, coef, coef, 0.4, accB);
            if (row > 0) {
                sc.precondForwardRow(a[3], a[4], coef, row * cols, cols);
                ve.precondForwardRow(b[3], b[4], coef, row * cols, cols);
            }
            sc.precondBackwardRow(a[3], a[5], coef, row * cols, cols, row == rows - 1, 0.4, accA);
            ve.precondBackwardRow(b[3], b[5], coef, row * cols, cols, row == rows - 1, 0.4, accB);
        }
        sc.updateXR(a[0], a[1], a[2], a[3], lane, accA, 0, n);
        ve.updateXR(b[0], b[1], b[2], b[3], lane, accB, 0, n);
        sc.updateP(a[4], a[5], lane, 0, n);
        ve.updateP(b[4], b[5], lane, 0, n);
        for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i], 0, "vector " + i);
        assertArrayEquals(accA, accB, 0);
    }

    private static double[][] deep(double[][] v) {
        double[][] c = new double[v.length][];
        for (int i = 0; i < v.length; i++) c[i] = v[i].clone();
        return c;
    }
}
