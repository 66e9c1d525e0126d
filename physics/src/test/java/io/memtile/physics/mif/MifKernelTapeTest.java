package io.memtile.physics.mif;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.target.NeuronParams;
import io.memtile.core.target.Targets;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * forwardTaped() must advance the state exactly like forward(), and backwardTaped() (from the
 * recorded intermediates) must agree with backward() (which recomputes them) to 1e-12 relative,
 * for random states, including the output-aliases-input case and a nonzero tape offset.
 */
class MifKernelTapeTest {
    private static final NeuronParams P = Targets.paper().neuron();

    @ParameterizedTest
    @EnumSource(Integrator.class)
    void tapedMatchesRecomputed(Integrator kind) {
        // several time steps so that both branches of gFun/gPrime (small and large c r) are taken
        double[] dts = kind == Integrator.EXPLICIT_EULER ? new double[] {1e-9, 1e-7} : new double[] {1e-9, 1e-7, 1e-5, 1e-3};
        SplittableRandom r = new SplittableRandom(42);
        int n = 257;
        for (double dt : dts) {
            MifKernel k = new MifKernel(P, dt, kind);
            for (int rep = 0; rep < 20; rep++) {
                double[] v = new double[n], x1 = new double[n], x2 = new double[n], cur = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = -0.05 + 0.25 * r.nextDouble();
                    x1[i] = r.nextDouble();
                    x2[i] = r.nextDouble();
                    cur[i] = (r.nextDouble() - 0.3) * 4e-5;
                }
                int off = 3 + r.nextInt(50);
                double[] tape = new double[off + MifKernel.TAPE_STRIDE * n + 5];
                double[] vo = new double[n], ao = new double[n], bo = new double[n];
                double[] vt = new double[n], at = new double[n], bt = new double[n];
                k.forward(n, v, x1, x2, cur, vo, ao, bo);
                k.forwardTaped(n, v, x1, x2, cur, vt, at, bt, tape, off);
                assertArrayEquals(vo, vt, 0.0, kind + " v");
                assertArrayEquals(ao, at, 0.0, kind + " x1");
                assertArrayEquals(bo, bt, 0.0, kind + " x2");
                // in place (outputs alias inputs), as step() does: same tape
                double[] vi = v.clone(), ai = x1.clone(), bi = x2.clone();
                double[] tape2 = new double[tape.length];
                k.forwardTaped(n, vi, ai, bi, cur, vi, ai, bi, tape2, off);
                assertArrayEquals(vo, vi, 0.0);
                assertArrayEquals(ao, ai, 0.0);
                assertArrayEquals(bo, bi, 0.0);
                assertArrayEquals(tape, tape2, 0.0);

                double[] gV = new double[n], g1 = new double[n], g2 = new double[n];
                for (int i = 0; i < n; i++) { gV[i] = r.nextDouble() - 0.5; g1[i] = r.nextDouble() - 0.5; g2[i] = r.nextDouble() - 0.5; }
                double[] rV = gV.clone(), r1 = g1.clone(), r2 = g2.clone(), rI = new double[n];
                double[] tV = gV.clone(), t1 = g1.clone(), t2 = g2.clone(), tI = new double[n];
                k.backward(n, v, x1, x2, cur, rV, r1, r2, rI);
                k.backwardTaped(n, tape, off, tV, t1, t2, tI);
                String ctx = kind + " dt=" + dt + " rep " + rep;
                assertClose(rV, tV, ctx + " gV");
                assertClose(r1, t1, ctx + " gX1");
                assertClose(r2, t2, ctx + " gX2");
                assertClose(rI, tI, ctx + " gI");
            }
        }
    }

    private static void assertClose(double[] want, double[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            assertTrue(Double.isFinite(want[i]), what + " [" + i + "] not finite: " + want[i]);
            double err = Math.abs(want[i] - got[i]);
            assertTrue(err <= 1e-12 * Math.abs(want[i]) || err == 0,
                    what + " [" + i + "]: backward " + want[i] + " vs backwardTaped " + got[i]);
        }
    }
}
