package io.memtile.trainer.engine;

import io.memtile.core.target.MssParams;
import io.memtile.core.target.NeuronParams;

/**
 * The single definition of "a MIF neuron is spiking at step t", shared by eval and the simulator.
 *
 * <p>The MIF spike is an analog excursion, not an event (spec 1.5), so "spiking" needs a named
 * threshold. We use the voltage at which the reset device M1 is half switched at equilibrium:
 * x_eq(V_m - E1) = 0.5 exactly at V_m - E1 = (V_on,1 + V_off,1)/2 (spec 1.2), i.e. the paper's
 * V̄ = 57.5 mV of Eq. (3) for the Table III neuron. Above it M1 is being driven ON, which is the
 * mechanism of the spike; below it M1 relaxes OFF. A neuron is spiking at step t iff its membrane
 * voltage AFTER step t is strictly above {@link #thresholdVolts()}.
 *
 * @param thresholdVolts spiking threshold on V_m (V)
 */
public record SpikeCriterion(double thresholdVolts) {
    /** Name of the criterion as printed in eval/sim outputs. */
    public static final String DEFINITION = "V_m > E1 + (V_on,1 + V_off,1)/2 (M1 half-switch point)";

    /** The criterion for a neuron: E1 + (vOn + vOffCentre)/2 of its M1 device. */
    public static SpikeCriterion of(NeuronParams n) {
        MssParams m1 = n.m1();
        return new SpikeCriterion(n.e1() + 0.5 * (m1.vOn() + m1.offCentre()));
    }

    public boolean spiking(double membraneVolts) { return membraneVolts > thresholdVolts; }

    /** Number of entries of v[0..n) that are spiking. */
    public int count(double[] v, int n) {
        int c = 0;
        for (int i = 0; i < n; i++) if (v[i] > thresholdVolts) c++;
        return c;
    }
}
