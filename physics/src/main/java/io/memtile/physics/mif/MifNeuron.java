package io.memtile.physics.mif;

import io.memtile.core.target.NeuronParams;
import io.memtile.physics.energy.EnergyLedger;
import io.memtile.physics.energy.EnergyMeter;

/**
 * Simulates one MIF neuron from its resting state under a given per-step input current, with the
 * same {@link MifKernel} the trainer and tile simulator use, and books the energy of every step.
 */
public final class MifNeuron {
    private final MifKernel kernel;

    public MifNeuron(NeuronParams p, double dt, Integrator kind) {
        this.kernel = new MifKernel(p, dt, kind);
    }

    public MifKernel kernel() { return kernel; }

    /** Result of a run: the trace and its energy ledger. */
    public record Run(NeuronTrace trace, EnergyLedger energy, Integrator integrator) {}

    /**
     * Runs {@code current.length - 1} steps (current[k] is held over step k; the last sample only
     * labels the final row) starting from {@link MifKernel#restState()}.
     */
    public Run run(double[] current) {
        if (current.length < 1) throw new IllegalArgumentException("need at least one current sample");
        int steps = current.length - 1;
        NeuronParams p = kernel.params();
        double[] rest = kernel.restState();
        double[] v = new double[steps + 1], x1 = new double[steps + 1], x2 = new double[steps + 1];
        double[] g1 = new double[steps + 1], g2 = new double[steps + 1];
        v[0] = rest[0];
        x1[0] = rest[1];
        x2[0] = rest[2];
        EnergyMeter meter = new EnergyMeter(kernel.integrator(), p.cMem(), p.e1(), p.e2());
        double[] sv = {v[0]}, sa = {x1[0]}, sb = {x2[0]}, si = new double[1];
        for (int k = 0; k < steps; k++) {
            g1[k] = kernel.conductance1(sa[0]);
            g2[k] = kernel.conductance2(sb[0]);
            si[0] = current[k];
            double v0 = sv[0];
            kernel.step(1, sv, sa, sb, si);
            v[k + 1] = sv[0];
            x1[k + 1] = sa[0];
            x2[k + 1] = sb[0];
            meter.step(kernel.dt(), v0, sv[0], g1[k], g2[k], current[k]);
        }
        g1[steps] = kernel.conductance1(x1[steps]);
        g2[steps] = kernel.conductance2(x2[steps]);
        return new Run(new NeuronTrace(kernel.dt(), v, x1, x2, g1, g2, current.clone()), meter.ledger(), kernel.integrator());
    }
}
