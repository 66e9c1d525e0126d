package io.memtile.core.target;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Validatable;

/**
 * Generalized metastable-switch (MSS) memristor (Molter &amp; Nugent 2016; spec section 3).
 *
 * <p>A device is {@code switches} two-state switches; x = fraction ON, G(x) = x/rOn + (1-x)/rOff.
 * Per time constant {@code tau} an OFF switch turns ON at rate sigma((V - vOn)/k) and an ON switch
 * turns OFF at rate sigma((vOffCentre - V)/k), where k = phi * thermalVoltage.
 *
 * <p>{@code volatileOff} chooses the OFF-rate centre, which is the one structural difference
 * between the two published forms: {@code true} centres it at +vOff (the MIF form of MEMprop: the
 * device relaxes OFF whenever V &lt; vOff, including at zero bias, i.e. it is volatile);
 * {@code false} centres it at -vOff (Knowm's non-volatile form, P_off = 1 - sigma((V+vOff)/V_T)).
 *
 * @param rOn            ON resistance (ohm)
 * @param rOff           OFF resistance (ohm), greater than rOn
 * @param vOn            OFF-to-ON threshold voltage (V)
 * @param vOff           ON-to-OFF threshold magnitude (V)
 * @param tau            characteristic switching time (s)
 * @param thermalVoltage V_T = kT/q (V); Table III uses 25 mV
 * @param phi            MEMprop's "volatility constant": divides the sigmoid width (k = phi V_T)
 * @param volatileOff    OFF-rate centred at +vOff (volatile MIF form) instead of -vOff (Knowm)
 * @param switches       N, the number of metastable switches: N+1 reachable conductance levels
 */
public record MssParams(double rOn, double rOff, double vOn, double vOff, double tau,
                        double thermalVoltage, double phi, boolean volatileOff, int switches)
        implements Validatable {

    public double gOn() { return 1.0 / rOn; }

    public double gOff() { return 1.0 / rOff; }

    /** Sigmoid width k = phi * V_T (V). */
    public double k() { return phi * thermalVoltage; }

    /** Signed centre of the OFF-rate sigmoid: +vOff (volatile) or -vOff (Knowm). */
    public double offCentre() { return volatileOff ? vOff : -vOff; }

    /** Conductance at normalised state x in [0,1]. */
    public double conductance(double x) { return x / rOn + (1 - x) / rOff; }

    @Override
    public void validate(Fields f) {
        f.positive("rOn", rOn);
        f.positive("rOff", rOff);
        f.check(rOff > rOn, "rOff", "must exceed rOn (" + rOn + " ohm), got " + rOff);
        f.finite("vOn", vOn);
        f.finite("vOff", vOff);
        f.positive("tau", tau);
        f.range("thermalVoltage", thermalVoltage, 1e-4, 1.0);
        f.range("phi", phi, 1e-3, 10.0);
        f.range("switches", switches, 1, 100_000_000);
    }
}
