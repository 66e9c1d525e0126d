package io.memtile.physics.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The compiler's float32 solve against the simulator's float64 one, and its two kernels against each other. */
class IrDropSolverFTest {
    /** A tile with floating columns, a short last chunk, a single-column entry and an entry without a source. */
    private static final int ROWS = 96, COLS = 80;

    private static boolean[] sensed() {
        boolean[] s = new boolean[COLS];
        for (int c = 0; c < COLS - 6; c++) s[c] = true; // the last 6 columns float
        return s;
    }

    private static int[][] pairs() {
        int np = 19; // more than one chunk of 16, the last one short
        int[] pc = new int[np], mc = new int[np];
        for (int p = 0; p < np; p++) {
            pc[p] = 4 * p + 1;
            mc[p] = p == 7 ? -1 : p == 11 ? pc[p] : 4 * p + 2; // 7: single column; 11: plus = minus, no source
        }
        return new int[][] {pc, mc};
    }

    private static double maxAbs(double[][] t) {
        double m = 0;
        for (double[] row : t) for (double v : row) m = Math.max(m, Math.abs(v));
        return m;
    }

    private static double maxDiff(double[][] a, double[][] b) {
        double m = 0;
        for (int p = 0; p < a.length; p++) for (int r = 0; r < a[p].length; r++) m = Math.max(m, Math.abs(a[p][r] - b[p][r]));
        return m;
    }

    @Test
    void agreesWithTheFloat64SolveToAFewTenMillionthsOfTheLargestTransfer() {
        for (double rWire : new double[] {0.5, 2.5, 10}) {
            double[] g = IrDropSolverTest.levelCells(ROWS, COLS, 11);
            int[][] pm = pairs();
            double[][] ref = new IrDropSolver(ROWS, COLS, g, rWire, sensed()).pairTransfers(pm[0], pm[1]);
            IrDropSolverF f = new IrDropSolverF(ROWS, COLS);
            double[][] got = f.pairTransfers(g, rWire, sensed(), pm[0], pm[1], 1e-8);
            double scale = maxAbs(ref), err = maxDiff(ref, got);
            // float32 rounding: the 1e-8 float64 solve is ~2.5e-7 off, this one a little more
            assertTrue(err <= 2e-6 * scale, "rWire " + rWire + ": float32 vs float64, relative to the largest transfer: " + err / scale);
            assertArrayEquals(new double[ROWS], got[11], 0, "no source: zero transfer");
            assertTrue(f.lastIterations() > 0 && f.lastIterations() < 20);
        }
    }

    @Test
    void reusingTheSolverForAnotherTileGivesWhatAFreshOneGives() {
        int[][] pm = pairs();
        double[] g1 = IrDropSolverTest.levelCells(ROWS, COLS, 1), g2 = IrDropSolverTest.levelCells(ROWS, COLS, 2);
        IrDropSolverF reused = new IrDropSolverF(ROWS, COLS);
        reused.pairTransfers(g1, 2.5, sensed(), pm[0], pm[1], 1e-8);
        double[][] second = reused.pairTransfers(g2, 2.5, sensed(), pm[0], pm[1], 1e-8);
        double[][] fresh = new IrDropSolverF(ROWS, COLS).pairTransfers(g2, 2.5, sensed(), pm[0], pm[1], 1e-8);
        for (int p = 0; p < fresh.length; p++) assertArrayEquals(fresh[p], second[p], 0, "pair " + p);
        assertThrows(IllegalArgumentException.class, () -> reused.pairTransfers(new double[10], 2.5, sensed(), pm[0], pm[1], 1e-8));
    }

    @Test
    void vectorAndScalarKernelsGiveBitIdenticalTransfers() {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.memtile.physics.mif.lanes.LaneKernels.simdAvailable(), "vector API not in this JVM");
        assertTrue(IrDropSolverF.chunkOps(true) instanceof VectorChunkOpsF);
        int[][] pm = pairs();
        double[] g = IrDropSolverTest.levelCells(ROWS, COLS, 3);
        double[][] v = new IrDropSolverF(ROWS, COLS, true).pairTransfers(g, 2.5, sensed(), pm[0], pm[1], 1e-8);
        double[][] s = new IrDropSolverF(ROWS, COLS, false).pairTransfers(g, 2.5, sensed(), pm[0], pm[1], 1e-8);
        for (int p = 0; p < v.length; p++) assertArrayEquals(s[p], v[p], 0, "pair " + p);
    }

    @Test
    void eachKernelOperationIsBitIdenticalBetweenVectorAndScalar() {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.memtile.physics.mif.lanes.LaneKernels.simdAvailable(), "vector API not in this JVM");
        int rows = 12, cols = 10, n = rows * cols, m = ChunkOpsF.M;
        SplittableRandom r = new SplittableRandom(4);
        float[][] v = new float[5][n * m];
        for (float[] a : v) for (int i = 0; i < a.length; i++) a[i] = (float) (r.nextDouble() - 0.5);
        float[] coef = new float[n], lane = new float[m];
        for (int i = 0; i < n; i++) coef[i] = (float) r.nextDouble();
        for (int j = 0; j < m; j++) lane[j] = (float) r.nextDouble();
        ChunkOpsF sc = IrDropSolverF.chunkOps(false), ve = IrDropSolverF.chunkOps(true);
        float[][] a = deep(v), b = deep(v);
        double[] accA = new double[m], accB = new double[m];
        for (int row = 0; row < rows; row++) {
            for (ChunkOpsF o : new ChunkOpsF[] {sc, ve}) {
                float[][] x = o == sc ? a : b;
                double[] acc = o == sc ? accA : accB;
                o.updateP(x[0], x[1], lane, row * cols, cols, row % 3 == 0);
                o.wordLine(x[1], row * cols, cols, coef, coef, coef, coef, x[2]);
                o.sRow(x[1], x[3], x[2], row * cols, cols, row > 0, row < rows - 1, coef, coef, 0.4f, acc);
                o.updateRForward(x[4], x[3], lane, coef, row * cols, cols, row == 0, acc);
            }
        }
        for (int row = rows - 1; row >= 0; row--) {
            sc.backward(a[4], a[3], coef, coef, row * cols, cols, row == rows - 1, accA);
            ve.backward(b[4], b[3], coef, coef, row * cols, cols, row == rows - 1, accB);
        }
        for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i], 0, "vector " + i);
        assertArrayEquals(accA, accB, 0);
        assertEquals(ChunkOpsF.M, 16);
    }

    private static float[][] deep(float[][] v) {
        float[][] c = new float[v.length][];
        for (int i = 0; i < v.length; i++) c[i] = v[i].clone();
        return c;
    }
}
