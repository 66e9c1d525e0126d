package io.memtile.physics.mif.lanes;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.target.NeuronParams;
import io.memtile.core.target.Targets;
import io.memtile.physics.mif.Integrator;
import io.memtile.physics.mif.MifKernel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The lane kernels: SIMD and scalar bit-identical (forward, taped forward, taped backward, including
 * the tail of a length that is not a multiple of the vector width); both within 1e-12 of the
 * reference MifKernel; the taped backward against central differences of the forward step.
 */
class LaneKernelTest {
    private static final NeuronParams P = Targets.paper().neuron();
    private static final double DT = Targets.paper().timing().dt();
    private static final MifKernel REF = new MifKernel(P, DT, Integrator.EXPONENTIAL);

    /** States across the whole operating range: V from -0.3 to 0.5 V (beyond both sigmoids), x in [0, 1]. */
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

    @Test
    void simdIsAvailableWhereTheBuildSaysSo() {
        // surefire runs with --add-modules jdk.incubator.vector; this machine class has >= 256-bit vectors
        assertTrue(LaneKernels.simdAvailable(), "jdk.incubator.vector missing from the test JVM");
        assertTrue(LaneKernels.of(REF, true).describe().contains("SIMD"));
        assertFalse(LaneKernels.of(REF, false).describe().contains("SIMD"));
        assertTrue(LaneKernels.of(new MifKernel(P, DT, Integrator.SEMI_IMPLICIT), true) instanceof MifLaneKernel);
    }

    @Test
    void simdAndScalarAreBitIdentical() {
        LaneKernel vec = LaneKernels.of(REF, true), sca = LaneKernels.of(REF, false);
        int n = 8 * 13 + 5; // a tail for any vector width up to 8
        double[][] s = states(n, 3);
        double[][] a = run(vec, s, n), b = run(sca, s, n);
        for (int k = 0; k < a.length; k++) assertArrayEquals(b[k], a[k], 0.0, "output " + k);
    }

    /** forward, forwardTaped (state and tape), backwardTaped from fixed adjoints; returns every output array. */
    private static double[][] run(LaneKernel k, double[][] s, int n) {
        double[] vo = new double[n], ao = new double[n], bo = new double[n];
        k.forward(n, s[0], s[1], s[2], s[3], vo, ao, bo);
        double[] vt = new double[n], at = new double[n], bt = new double[n], tape = new double[k.tapeStride() * n + 3];
        k.forwardTaped(n, s[0], s[1], s[2], s[3], vt, at, bt, tape, 3);
        assertArrayEquals(vo, vt, 0.0);
        assertArrayEquals(ao, at, 0.0);
        assertArrayEquals(bo, bt, 0.0);
        SplittableRandom r = new SplittableRandom(5);
        double[] gV = new double[n], gA = new double[n], gB = new double[n], gI = new double[n];
        for (int i = 0; i < n; i++) {
            gV[i] = r.nextDouble() - 0.5;
            gA[i] = r.nextDouble() - 0.5;
            gB[i] = r.nextDouble() - 0.5;
        }
        k.backwardTaped(n, tape, 3, gV, gA, gB, gI);
        return new double[][] {vo, ao, bo, tape, gV, gA, gB, gI};
    }

    @Test
    void matchesTheReferenceKernel() {
        int n = 4000;
        double[][] s = states(n, 9);
        for (boolean simd : new boolean[] {true, false}) {
            double[][] a = run(LaneKernels.of(REF, simd), s, n);
            double[][] ref = run(new MifLaneKernel(REF), s, n);
            for (int k : new int[] {0, 1, 2, 4, 5, 6, 7}) {
                for (int i = 0; i < n; i++) {
                    double scale = Math.max(1e-3, Math.abs(ref[k][i]));
                    assertEquals(ref[k][i], a[k][i], 1e-12 * scale, "output " + k + " element " + i + " simd=" + simd);
                }
            }
        }
    }

    @Test
    void backwardIsTheExactDerivativeOfForward() {
        for (LaneKernel k : new LaneKernel[] {LaneKernels.of(REF, true), new MifLaneKernel(REF)}) fdCheck(k);
    }

    private static void fdCheck(LaneKernel k) {
        int n = 64;
        double[][] s = states(n, 21);
        double[] tape = new double[k.tapeStride() * n];
        double[] o = new double[3 * n];
        k.forwardTaped(n, s[0], s[1], s[2], s[3], new double[n], new double[n], new double[n], tape, 0);
        // adjoint seed: d/d(v', x1', x2') of L = sum_i (wv v'_i + wa x1'_i + wb x2'_i)
        double wv = 3.0, wa = -0.7, wb = 1.3;
        double[] gV = new double[n], gA = new double[n], gB = new double[n], gI = new double[n];
        java.util.Arrays.fill(gV, wv);
        java.util.Arrays.fill(gA, wa);
        java.util.Arrays.fill(gB, wb);
        k.backwardTaped(n, tape, 0, gV, gA, gB, gI);
        double[][] grads = {gV, gA, gB, gI};
        double[] steps = {1e-5, 1e-6, 1e-6, 1e-10};
        double worst = 0;
        for (int in = 0; in < 4; in++) {
            double[] fd = new double[n];
            double scale = 0;
            for (int i = 0; i < n; i++) {
                double x0 = s[in][i], h = steps[in];
                s[in][i] = x0 + h;
                double lp = objective(k, s, i, wv, wa, wb);
                s[in][i] = x0 - h;
                double lm = objective(k, s, i, wv, wa, wb);
                s[in][i] = x0;
                fd[i] = (lp - lm) / (2 * h);
                scale = Math.max(scale, Math.abs(fd[i]));
            }
            // relative to the element's own derivative, floored at 1e-6 of the largest one of this input
            // and at 1e-8 (central differences cannot resolve derivatives below the step's rounding noise, ~eps |L| / h)
            for (int i = 0; i < n; i++) {
                double an = grads[in][i];
                double err = Math.abs(an - fd[i]) / Math.max(Math.max(Math.abs(fd[i]), Math.abs(an)), Math.max(1e-6 * scale, 1e-8));
                worst = Math.max(worst, err);
            }
        }
        System.out.printf("lane kernel step: max relative error vs central differences %.2e%n", worst);
        assertTrue(worst < 1e-3, "max relative error " + worst);
    }

    private static double objective(LaneKernel k, double[][] s, int i, double wv, double wa, double wb) {
        double[] v = {s[0][i]}, a = {s[1][i]}, b = {s[2][i]}, c = {s[3][i]};
        double[] vo = new double[1], ao = new double[1], bo = new double[1];
        k.forward(1, v, a, b, c, vo, ao, bo);
        return wv * vo[0] + wa * ao[0] + wb * bo[0];
    }
}
