package io.memtile.physics.mif.lanes;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.target.NeuronParams;
import io.memtile.core.target.Targets;
import io.memtile.physics.mif.Integrator;
import io.memtile.physics.mif.MifKernel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The lane kernels: SIMD and scalar agree to 1e-13 relative (forward, taped forward, taped backward,
 * including the tail of a length that is not a multiple of the vector width; they differ only in
 * exp's rounding), the dense lane products are bit-identical, both kernels are within 1e-12 of the
 * reference MifKernel, and the taped backward matches central differences of the forward step.
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
    void simdAndScalarAgreeToRounding() {
        LaneKernel vec = LaneKernels.of(REF, true), sca = LaneKernels.of(REF, false);
        int n = 8 * 13 + 5; // a tail for any vector width up to 8
        double[][] s = states(n, 3);
        double[][] a = run(vec, s, n), b = run(sca, s, n);
        double worst = 0;
        for (int k = 0; k < a.length; k++) {
            double scale = 0;
            for (double x : b[k]) scale = Math.max(scale, Math.abs(x));
            for (int i = 0; i < a[k].length; i++) {
                double err = Math.abs(a[k][i] - b[k][i]) / Math.max(Math.abs(b[k][i]), 1e-9 * scale);
                worst = Math.max(worst, err);
                assertTrue(err <= 1e-13, "output " + k + " element " + i + ": " + a[k][i] + " vs " + b[k][i]);
            }
        }
        System.out.printf("lane kernel SIMD vs scalar: max relative difference %.2e%n", worst);
        // the tail is computed by the scalar code in both
        for (int k : new int[] {0, 1, 2}) for (int i = 8 * 13; i < n; i++) assertEquals(b[k][i], a[k][i], 0.0);
    }

    @Test
    void laneProductsAreBitIdenticalAndTheSoftmaxAgrees() {
        LaneOps vec = LaneOps.of(true), sca = LaneOps.scalar();
        int lanes = vec.groupLanes(), n = 10, m = 37;
        SplittableRandom r = new SplittableRandom(4);
        double[][] w = new double[n][m];
        for (double[] row : w) for (int i = 0; i < m; i++) row[i] = r.nextDouble() - 0.5;
        double[] x = new double[m * lanes + 3];
        for (int i = 0; i < x.length; i++) x[i] = 0.2 * (r.nextDouble() - 0.5);
        double[] oa = new double[n * lanes], ob = new double[n * lanes];
        vec.gemv(w, n, m, x, 3, lanes, 0.7, oa, 0);
        sca.gemv(w, n, m, x, 3, lanes, 0.7, ob, 0);
        assertArrayEquals(ob, oa, 0.0);
        double[][] ga = new double[n][m * lanes], gb = new double[n][m * lanes];
        double[] gxa = new double[m * lanes], gxb = new double[m * lanes];
        vec.gemvBackward(w, n, m, oa, x, 3, lanes, ga, gxa);
        sca.gemvBackward(w, n, m, ob, x, 3, lanes, gb, gxb);
        assertArrayEquals(gxb, gxa, 0.0);
        for (int j = 0; j < n; j++) assertArrayEquals(gb[j], ga[j], 0.0);
        // the readout: the scalar loop is the per-lane definition
        double[] sma = new double[n * lanes], smb = new double[n * lanes], la = new double[n * lanes], lb = new double[n * lanes];
        double[] lsa = new double[lanes], lsb = new double[lanes];
        vec.softmax(n, lanes, oa, 0, 1e-3, sma, 0, la, lsa);
        sca.softmax(n, lanes, ob, 0, 1e-3, smb, 0, lb, lsb);
        for (int i = 0; i < n * lanes; i++) {
            assertEquals(smb[i], sma[i], 1e-15);
            assertEquals(lb[i], la[i], 1e-12 * Math.max(1, Math.abs(lb[i])));
        }
        double sum = 0;
        for (int k = 0; k < n; k++) sum += sma[k * lanes];
        assertEquals(1.0, sum, 1e-15);
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
