package io.memtile.sim.ann;

import io.memtile.core.target.MssParams;
import io.memtile.core.target.NeuronParams;
import io.memtile.physics.mif.MifKernel;

/**
 * The MIF neuron's DC transfer: the membrane voltage V at which a constant input current I is
 * balanced by the two memristive branches with both devices at their steady states,
 * G1(x1eq(V - E1)) (V - E1) + G2(x2eq(V - E2)) (V - E2) = I. This is the non-spiking neuron that
 * computes what the MIF neuron computes on average: the activation of the ANN baseline.
 */
public final class QuasiStaticMif {
    private final double e1, e2, gOff1, gOff2, dG1, dG2, vOn1, vOn2, vOffC1, vOffC2, k1, k2;

    public QuasiStaticMif(NeuronParams p) {
        MssParams m1 = p.m1(), m2 = p.m2();
        e1 = p.e1();
        e2 = p.e2();
        gOff1 = m1.gOff();
        gOff2 = m2.gOff();
        dG1 = m1.gOn() - m1.gOff();
        dG2 = m2.gOn() - m2.gOff();
        vOn1 = m1.vOn();
        vOn2 = m2.vOn();
        vOffC1 = m1.offCentre();
        vOffC2 = m2.offCentre();
        k1 = m1.k();
        k2 = m2.k();
    }

    /** Net current the branches draw at V (A). */
    public double branchCurrent(double v) {
        double a = MifKernel.xEq(v - e1, vOn1, vOffC1, k1), b = MifKernel.xEq(v - e2, vOn2, vOffC2, k2);
        return (gOff1 + dG1 * a) * (v - e1) + (gOff2 + dG2 * b) * (v - e2);
    }

    /** V with branchCurrent(V) = i, by bisection on [-1 V, 1 V] (branch current rises with V there). */
    public double voltage(double i) {
        double lo = -1, hi = 1;
        for (int it = 0; it < 64; it++) {
            double mid = 0.5 * (lo + hi);
            if (branchCurrent(mid) > i) hi = mid; else lo = mid;
        }
        return 0.5 * (lo + hi);
    }
}
