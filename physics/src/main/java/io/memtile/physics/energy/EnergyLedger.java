package io.memtile.physics.energy;

/**
 * Energy bookkeeping of one MIF neuron over a simulated interval (J). Sources count energy they
 * deliver into the circuit (negative when they absorb it: a rail above the membrane voltage
 * supplies, one below it sinks); the capacitor's change and the two memristors' Joule dissipation
 * are where it goes, so {@code sources() == capacitorDelta() + dissipation()} up to quadrature error.
 *
 * @param fromE1         energy delivered by the rail E1 through M1
 * @param fromE2         energy delivered by the rail E2 through M2
 * @param fromInput      energy delivered by the input current source (integral of I V dt)
 * @param capacitorDelta change of the energy stored on C_mem, C/2 (V_end^2 - V_start^2)
 * @param dissipationM1  Joule heat in M1, integral of G1 (V - E1)^2 dt
 * @param dissipationM2  Joule heat in M2
 */
public record EnergyLedger(double fromE1, double fromE2, double fromInput, double capacitorDelta,
                           double dissipationM1, double dissipationM2) {

    public double sources() { return fromE1 + fromE2 + fromInput; }

    public double dissipation() { return dissipationM1 + dissipationM2; }

    /** sources - (capacitor change + dissipation): zero for an exact quadrature. */
    public double residual() { return sources() - capacitorDelta - dissipation(); }

    /** |residual| relative to the largest term of the balance. */
    public double relativeResidual() {
        double scale = Math.max(Math.abs(fromE1) + Math.abs(fromE2) + Math.abs(fromInput),
                Math.abs(capacitorDelta) + dissipation());
        return scale == 0 ? 0 : Math.abs(residual()) / scale;
    }
}
