package io.memtile.trainer.activity;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Validatable;

/**
 * The activity term of the training loss ({@code --target-activity R --activity-weight λ}), as recorded
 * in the model artifact. Per sample and hidden neuron layer l, the term is {@code λ (A_l - R)^2}, where
 * A_l is the layer's smooth action-potential count per neuron and inference ({@link ActivityTerm}).
 *
 * @param rate        target R: action potentials per hidden neuron per inference
 * @param weight      λ, in loss units (the readout loss is a sum over 1,000 steps of log-softmax terms)
 * @param widthVolts  κ: width of the sigmoid σ((V - E1 - V_on,1)/κ) that smooths the V_on crossing (V)
 * @param driveEnergyWeight μ of the drive-energy term ({@code --drive-energy-weight},
 *                    {@link io.memtile.trainer.energy.DriveEnergyTerm}), in loss units per V² of mean square hidden
 *                    word-line voltage; absent or 0: none. It sits here because it controls the same thing from the
 *                    other side: how far the hidden membranes swing, which is what the chip pays for
 */
public record ActivityTarget(double rate, double weight, double widthVolts,
                             @io.memtile.core.json.OptionalField Double driveEnergyWeight) implements Validatable {
    /** The canonical constructor binds JSON (two constructors would leave JSON-B guessing). */
    @jakarta.json.bind.annotation.JsonbCreator
    public ActivityTarget {}

    /** An activity term without a drive-energy term. */
    public ActivityTarget(double rate, double weight, double widthVolts) { this(rate, weight, widthVolts, null); }

    /** μ of the drive-energy term (0 when absent). */
    public double energyWeight() { return driveEnergyWeight == null ? 0 : driveEnergyWeight; }

    /** True when the action-potential rate term changes the loss. */
    public boolean rateActive() { return weight > 0; }

    /**
     * Default κ = 5 mV: small against the 110 mV firing level, so a plateau at 90 mV adds only
     * σ(-4) = 0.018 of a count per rise (the count stays a count of V_on crossings), yet wide enough
     * that the gradient reaches neurons plateauing 10-20 mV below V_on.
     */
    public static final double DEFAULT_WIDTH_VOLTS = 5e-3;

    public static ActivityTarget of(double rate, double weight) { return new ActivityTarget(rate, weight, DEFAULT_WIDTH_VOLTS); }

    /** True when the term (rate or drive energy) changes the loss. */
    public boolean active() { return weight > 0 || energyWeight() > 0; }

    @Override
    public void validate(Fields f) {
        f.nonNegative("rate", rate);
        f.nonNegative("weight", weight);
        f.positive("widthVolts", widthVolts);
        if (driveEnergyWeight != null) f.nonNegative("driveEnergyWeight", driveEnergyWeight);
    }
}
