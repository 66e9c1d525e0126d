package io.memtile.trainer.model;

import io.memtile.core.json.Fields;
import io.memtile.core.json.OptionalField;
import io.memtile.core.json.Validatable;
import io.memtile.core.json.Versioned;
import io.memtile.core.target.Target;
import io.memtile.trainer.hwaware.HwAwareConfig;
import java.util.Map;

/**
 * The trained model, as written by {@code memtile train} and read by {@code compile}, {@code eval}
 * and {@code simulate}. It embeds the full target it was trained for, so a model file alone
 * reproduces its forward map.
 *
 * @param schemaVersion  {@link #SCHEMA_VERSION}
 * @param network        forward-map configuration
 * @param target         the hardware target (device, neuron, tile...) the physics came from
 * @param weights        weights[l][out][in], normalised to [-1, 1]
 * @param training       hyper-parameters, seed, dataset provenance
 * @param metrics        e.g. "testAccuracy", "trainLoss", "epochs", "wallSeconds"
 * @param hwAware        hardware-aware training settings (absent when trained on the ideal forward map)
 */
public record ModelArtifact(int schemaVersion, NetworkConfig network, Target target, double[][][] weights,
                            TrainingRecord training, @OptionalField Map<String, Double> metrics,
                            @OptionalField HwAwareConfig hwAware)
        implements Validatable, Versioned {
    /**
     * Still 1: {@code hwAware} is an optional addition, so every earlier model stays readable (an
     * older memtile rejects a hardware-aware model by its unknown field, naming it).
     */
    public static final int SCHEMA_VERSION = 1;


    @Override
    public void validate(Fields f) {
        f.present("network", network).validate(f.sub("network"));
        f.present("target", target).validate(f.sub("target"));
        f.present("training", training).validate(f.sub("training"));
        if (hwAware != null) hwAware.validate(f.sub("hwAware"));
        int[] layers = network.layers();
        f.check(weights != null && weights.length == layers.length - 1, "weights",
                "has " + (weights == null ? 0 : weights.length) + " layers but network.layers needs " + (layers.length - 1));
        for (int l = 0; l < weights.length; l++) {
            f.check(weights[l].length == layers[l + 1], "weights[" + l + "]",
                    "has " + weights[l].length + " rows but layer " + (l + 1) + " has " + layers[l + 1] + " neurons");
            for (int o = 0; o < weights[l].length; o++) {
                double[] row = weights[l][o];
                f.check(row.length == layers[l], "weights[" + l + "][" + o + "]",
                        "has " + row.length + " entries but layer " + l + " has " + layers[l] + " inputs");
                for (int i = 0; i < row.length; i++) {
                    double w = row[i];
                    if (!Double.isFinite(w)) throw f.error("weights[" + l + "][" + o + "][" + i + "]", "is " + w + " (weights must be finite)");
                    if (Math.abs(w) > 1.0 + 1e-12) throw f.error("weights[" + l + "][" + o + "][" + i + "]",
                            "is " + w + ", outside the representable range [-1, 1] of a differential pair");
                }
            }
        }
    }
}
