package io.memtile.core.target;

import io.memtile.core.json.Fields;
import io.memtile.core.json.OptionalField;
import io.memtile.core.json.Validatable;

/**
 * Device and array non-idealities; each can be switched off by setting it to zero (the simulator
 * and compiler also take command-line overrides).
 *
 * @param d2dSigma         device-to-device variation: lognormal sigma of R_on and R_off
 * @param readNoiseSigma   cycle-to-cycle read noise: relative Gaussian sigma of each read conductance
 * @param stuckAtRate      fraction of synapse cells stuck (never programmable)
 * @param stuckOnFraction  of the stuck cells, the fraction stuck at G_on (the rest at G_off)
 * @param driftTau         time constant of conductance relaxation toward G_off (s); 0 = no drift
 * @param wireResistance   whether IR drop along word/bit lines is simulated (uses tile.wireResistanceOhm)
 * @param fieldFailureRate fraction of cells that fail (stuck, same ON fraction) after programming and the
 *                         post-programming read, i.e. in the field: invisible to the compiler, so nothing
 *                         routes around them. Optional (absent = 0). The {@code stuckAtRate} faults are
 *                         manufacturing faults, present when the chip is programmed, which write-verify and
 *                         the final read find (see ProgramPass)
 */
public record NonIdealities(double d2dSigma, double readNoiseSigma, double stuckAtRate, double stuckOnFraction,
                            double driftTau, boolean wireResistance, @OptionalField double fieldFailureRate) implements Validatable {
    public static NonIdealities ideal() { return new NonIdealities(0, 0, 0, 0, 0, false, 0); }


    public NonIdealities withFieldFailureRate(double r) {
        return new NonIdealities(d2dSigma, readNoiseSigma, stuckAtRate, stuckOnFraction, driftTau, wireResistance, r);
    }

    @Override
    public void validate(Fields f) {
        f.range("d2dSigma", d2dSigma, 0, 2);
        f.range("readNoiseSigma", readNoiseSigma, 0, 1);
        f.range("stuckAtRate", stuckAtRate, 0, 0.5);
        f.range("stuckOnFraction", stuckOnFraction, 0, 1);
        f.nonNegative("driftTau", driftTau);
        f.range("fieldFailureRate", fieldFailureRate, 0, 0.5);
    }
}
