package io.memtile.physics.mif.lanes;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.target.NeuronParams;
import io.memtile.core.target.Targets;
import io.memtile.physics.mif.Integrator;
import io.memtile.physics.mif.MifKernel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float32 lane kernels: SIMD and scalar are bit-identical (forward, taped forward, taped
 * backward, with a tail; products and softmax too), one float step is within float rounding of the
 * double kernel's, and the float backward agrees with the double backward to float accuracy.
 */
class LaneKernelFTest {
    private static final NeuronParams P = Targets.paper().neuron();
    private static final double DT = Targets.paper().timing().dt();
    private static final MifKernel REF = new MifKernel(P, DT, Integrator.EXPONENTIAL);

    /** States across the operating range as in LaneKernelTest: V in [-0.3, 0.5] V, x in [0, 1]. */
    private static double[][] states(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] s = new double[4][n];
        for (int i = 0; i < n; i++) {
            s[0][i] = -0.3 + 0.8 * r.nextDouble();
            s[1][i] = i % 7 == 0 ? 0 : r.nextDouble();
            s[2][i] = i % 11 == 0 ? 1 : r.nextDouble();
            s[3][i] = (r.nextDouble() - 0.3) * 2e-4;
        }
        return s;
    }

    private static float[] f(double[] a) {
        float[] o = new float[a.length];
        for (int i = 0; i < a.length; i++) o[i] = (float) a[i];
        return o;
    }

    /** forward, taped forward and taped backward (with unit adjoints scaled per element) of one step. */
    private static float[][] run(FloatLaneKernel k, double[][] s, int n) {
        float[] v = f(s[0]), a = f(s[1]), b = f(s[2]), c = f(s[3]);
        float[] vo = new float[n], ao = new float[n], bo = new float[n];
        k.forward(n, v, a, b, c, vo, ao, bo);
        float[] vt = new float[n], at = new float[n], bt = new float[n], tape = new float[k.tapeStride() * n + 5];
        k.forwardTaped(n, v, a, b, c, vt, at, bt, tape, 5);
        float[] gv = new float[n], ga = new float[n], gb = new float[n], gi = new float[n];
        for (int i = 0; i < n; i++) {
            gv[i] = 1f + 0.01f * i;
            ga[i] = 0.3f - 0.002f * i;
            gb[i] = -0.2f + 0.003f * i;
        }
        k.backwardTaped(n, tape, 5, gv, ga, gb, gi);
        return new float[][] {vo, ao, bo, vt, at, bt, gv, ga, gb, gi};
    }

    private static double[][] runDouble(LaneKernel k, double[][] s, int n) {
        double[] vo = new double[n], ao = new double[n], bo = new double[n], tape = new double[k.tapeStride() * n];
        k.forwardTaped(n, s[0], s[1], s[2], s[3], vo, ao, bo, tape, 0);
        double[] gv = new double[n], ga = new double[n], gb = new double[n], gi = new double[n];
        for (int i = 0; i < n; i++) {
            gv[i] = 1f + 0.01f * i;
            ga[i] = 0.3f - 0.002f * i;
            gb[i] = -0.2f + 0.003f * i;
        }
        k.backwardTaped(n, tape, 0, gv, ga, gb, gi);
        return new double[][] {vo, ao, bo, gv, ga, gb, gi};
    }

    @Test
    void simdAndScalarAreBitIdentical() {
        FloatLaneKernel vec = LaneKernels.ofFloat(REF, true), sca = LaneKernels.ofFloat(REF, false);
        assertTrue(vec.describe().contains("SIMD"), vec.describe());
        assertFalse(sca.describe().contains("SIMD"));
        int n = 16 * 13 + 7;
        double[][] s = states(n, 3);
        float[][] a = run(vec, s, n), b = run(sca, s, n);
        for (int k = 0; k < a.length; k++) assertArrayEquals(b[k], a[k], 0f, "output " + k);
    }

    @Test
    void oneStepAgreesWithTheDoubleKernelToFloatRounding() {
        int n = 16 * 40;
        double[][] s = states(n, 5);
        // the float kernel starts from the float-rounded state: compare with the double kernel on the same inputs
        for (int k = 0; k < 4; k++) for (int i = 0; i < n; i++) s[k][i] = (float) s[k][i];
        float[][] a = run(LaneKernels.ofFloat(REF, true), s, n);
        double[][] d = runDouble(LaneKernels.of(REF, true), s, n);
        int[][] pairs = {{0, 0}, {1, 1}, {2, 2}, {6, 3}, {7, 4}, {8, 5}, {9, 6}};
        double worstState = 0, worstGrad = 0;
        for (int[] p : pairs) {
            double scale = 0;
            for (double x : d[p[1]]) scale = Math.max(scale, Math.abs(x));
            for (int i = 0; i < n; i++) {
                double err = Math.abs(a[p[0]][i] - d[p[1]][i]) / scale;
                if (p[1] < 3) worstState = Math.max(worstState, err);
                else worstGrad = Math.max(worstGrad, err);
            }
        }
        System.out.printf("float32 vs float64 lane kernel, one step: state %.2e, adjoints %.2e (of the largest entry)%n",
                worstState, worstGrad);
        assertTrue(worstState < 2e-7, "state " + worstState);
        assertTrue(worstGrad < 3e-6, "adjoints " + worstGrad);
    }

    @Test
    void laneProductsAndSoftmaxAreBitIdentical() {
        FloatLaneOps vec = FloatLaneOps.of(true), sca = FloatLaneOps.scalar();
        assertTrue(vec.vectorLanes() > 1);
        int lanes = vec.groupLanes(), n = 10, m = 37;
        SplittableRandom r = new SplittableRandom(4);
        float[][] w = new float[n][m];
        for (float[] row : w) for (int i = 0; i < m; i++) row[i] = (float) (r.nextDouble() - 0.5);
        float[] x = new float[m * lanes + 3];
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.2 * (r.nextDouble() - 0.5));
        float[] oa = new float[n * lanes], ob = new float[n * lanes];
        vec.gemv(w, n, m, x, 3, lanes, 0.7f, oa, 0);
        sca.gemv(w, n, m, x, 3, lanes, 0.7f, ob, 0);
        assertArrayEquals(ob, oa, 0f);
        float[][] ga = new float[n][m * lanes], gb = new float[n][m * lanes];
        float[] gxa = new float[m * lanes], gxb = new float[m * lanes];
        vec.gemvBackward(w, n, m, oa, x, 3, lanes, ga, gxa);
        sca.gemvBackward(w, n, m, ob, x, 3, lanes, gb, gxb);
        for (int j = 0; j < n; j++) assertArrayEquals(gb[j], ga[j], 0f);
        assertArrayEquals(gxb, gxa, 0f);
        float[] sa = new float[n * lanes], sb = new float[n * lanes], la = new float[n * lanes], lb = new float[n * lanes];
        float[] ea = new float[lanes], eb = new float[lanes];
        vec.softmax(n, lanes, oa, 0, 0.01f, sa, 0, la, ea);
        sca.softmax(n, lanes, ob, 0, 0.01f, sb, 0, lb, eb);
        assertArrayEquals(sb, sa, 0f);
        assertArrayEquals(lb, la, 0f);
        assertArrayEquals(eb, ea, 0f);
        // the readout loss adjoint, with an unused lane (label -1, scale 0)
        int[] labels = new int[lanes];
        float[] scale = new float[lanes];
        for (int b = 0; b < lanes; b++) {
            labels[b] = b == 3 ? -1 : r.nextInt(n);
            scale[b] = b == 3 ? 0f : 1f / 32;
        }
        float[] gva = new float[n * lanes], gvb = new float[n * lanes];
        for (int k = 0; k < gva.length; k++) gva[k] = gvb[k] = (float) (r.nextDouble() - 0.5);
        vec.softmaxAdjoint(n, lanes, sa, 0, labels, scale, 0.01f, gva);
        sca.softmaxAdjoint(n, lanes, sb, 0, labels, scale, 0.01f, gvb);
        assertArrayEquals(gvb, gva, 0f);
    }

    @Test
    void parametersOutsideTheFloatRangeAreRejected() {
        assertNull(LaneKernels.floatUnsupported(REF));
        assertNull(LaneKernels.ofFloat(new MifKernel(P, DT, Integrator.SEMI_IMPLICIT), true));
        assertNotNull(LaneKernels.floatUnsupported(new MifKernel(P, DT, Integrator.SEMI_IMPLICIT)));
    }

    /** The activity term's two loops (smooth count and its adjoint): SIMD and scalar give the same bits. */
    @Test
    void sigmoidCountAndItsAdjointAreBitIdentical() {
        FloatLaneOps vec = FloatLaneOps.of(true), sca = FloatLaneOps.scalar();
        int lanes = vec.groupLanes(), n = 9, nl = n * lanes;
        SplittableRandom r = new SplittableRandom(8);
        float fire = 0.0575f, inv = 200f;
        // voltages around V_fire, some far beyond it (sigmoid rounds to 0 or 1), three successive steps
        float[][] v = new float[3][nl];
        for (float[] row : v) for (int k = 0; k < nl; k++) row[k] = (float) (fire + 0.02 * (r.nextDouble() - 0.5) + (k % 7 == 0 ? 0.2 : 0));
        float[][] sa = new float[4][nl], sb = new float[4][nl];
        for (int k = 0; k < nl; k++) sa[0][k] = sb[0][k] = 0.3f;
        float[] ca = new float[nl], cb = new float[nl];
        for (int t = 0; t < 3; t++) {
            vec.sigmoidRise(nl, v[t], fire, inv, sa[t], sa[t + 1], ca);
            sca.sigmoidRise(nl, v[t], fire, inv, sb[t], sb[t + 1], cb);
            assertArrayEquals(sb[t + 1], sa[t + 1], 0f);
        }
        assertArrayEquals(cb, ca, 0f);
        boolean rose = false, fell = false;
        for (int k = 0; k < nl; k++) {
            rose |= sa[2][k] > sa[1][k];
            fell |= sa[2][k] < sa[1][k];
        }
        assertTrue(rose && fell, "the data must exercise both Heaviside branches");
        float[] c = new float[lanes];
        for (int b = 0; b < lanes; b++) c[b] = (float) (r.nextDouble() - 0.5);
        c[1] = 0f;
        for (float[] next : new float[][] {sa[3], null}) {
            float[] ga = new float[nl], gb = new float[nl];
            for (int k = 0; k < nl; k++) ga[k] = gb[k] = (float) r.nextDouble();
            vec.sigmoidAdjoint(n, lanes, sa[1], sa[2], next, c, inv, ga);
            sca.sigmoidAdjoint(n, lanes, sb[1], sb[2], next, c, inv, gb);
            assertArrayEquals(gb, ga, 0f);
        }
    }
}
