package io.memtile.physics.mif;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.target.NeuronParams;
import io.memtile.core.target.Targets;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** backward() must be the exact vector-Jacobian product of forward(): checked by central differences. */
class MifKernelGradientTest {
    private static final NeuronParams P = Targets.paper().neuron();

    @ParameterizedTest
    @EnumSource(Integrator.class)
    void singleStepJacobianMatchesFiniteDifferences(Integrator kind) {
        // Explicit Euler is only meaningful where it is stable: use a finer dt for it.
        double dt = kind == Integrator.EXPLICIT_EULER ? 1e-7 : 1e-5;
        MifKernel k = new MifKernel(P, dt, kind);
        SplittableRandom r = new SplittableRandom(7);
        int n = 64;
        double[] v = new double[n], x1 = new double[n], x2 = new double[n], cur = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = -0.02 + 0.2 * r.nextDouble();
            x1[i] = r.nextDouble();
            x2[i] = r.nextDouble() * 0.5;
            cur[i] = (r.nextDouble() - 0.3) * 2e-5;
        }
        double[] wv = new double[n], w1 = new double[n], w2 = new double[n];
        for (int i = 0; i < n; i++) { wv[i] = r.nextDouble() - 0.5; w1[i] = r.nextDouble() - 0.5; w2[i] = r.nextDouble() - 0.5; }
        double[] gV = wv.clone(), g1 = w1.clone(), g2 = w2.clone(), gI = new double[n];
        k.backward(n, v, x1, x2, cur, gV, g1, g2, gI);
        double[][] inputs = {v, x1, x2, cur};
        double[][] grads = {gV, g1, g2, gI};
        double[] scale = {1e-3, 1e-4, 1e-4, 1e-8};
        for (int which = 0; which < 4; which++) {
            for (int i = 0; i < n; i++) {
                double h = scale[which] * 1e-3;
                double save = inputs[which][i];
                inputs[which][i] = save + h;
                double fp = objective(k, v[i], x1[i], x2[i], cur[i], wv[i], w1[i], w2[i]);
                inputs[which][i] = save - h;
                double fm = objective(k, v[i], x1[i], x2[i], cur[i], wv[i], w1[i], w2[i]);
                inputs[which][i] = save;
                double fd = (fp - fm) / (2 * h);
                double an = grads[which][i];
                double err = Math.abs(fd - an) / Math.max(1e-6 * Math.abs(1 / scale[which]), Math.abs(fd) + Math.abs(an));
                assertTrue(err < 1e-5, kind + " input " + which + " neuron " + i + ": analytic " + an + " vs fd " + fd);
            }
        }
    }

    private static double objective(MifKernel k, double v, double a, double b, double c, double wv, double w1, double w2) {
        double[] vv = {v}, aa = {a}, bb = {b};
        k.forward(1, vv, aa, bb, new double[] {c}, vv, aa, bb);
        return wv * vv[0] + w1 * aa[0] + w2 * bb[0];
    }
}
