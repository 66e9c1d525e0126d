package io.memtile.trainer.train;

import io.memtile.core.json.Fields;
import io.memtile.core.json.OptionalField;
import io.memtile.trainer.hwaware.HwAwareConfig;
import io.memtile.core.json.Validatable;
import io.memtile.core.json.Versioned;
import io.memtile.trainer.model.NetworkConfig;

/**
 * State after a completed epoch, enough to continue bit-identically: weights, Adam moments and
 * step count, and the number of epochs done. Shuffling needs no saved RNG state: epoch e's order
 * is drawn from its own stream {@code Seeds.stream(seed, "shuffle", e)}.
 *
 * @param hwAware hardware-aware training settings of the run (absent for ideal training); resume requires the same
 * @param activity the activity term of the run (absent: none); resume requires the same
 * @param precision arithmetic of the run ("float32"/"float64"; absent = float64, checkpoints written before the option)
 * @param history per completed epoch: {epoch, trainLoss, trainAccuracy, testAccuracy (-1 without a test set), wallSeconds}
 */
public record TrainCheckpoint(int schemaVersion, String dataset, String datasetSha256, int trainSamples,
                              NetworkConfig network, int batch, double lr, double beta1, double beta2, long seed,
                              double initScale, int epochsDone, long adamStep, double wallSeconds,
                              double[][][] weights, double[][][] adamM, double[][][] adamV, double[][] history,
                              @OptionalField HwAwareConfig hwAware,
                              @OptionalField io.memtile.trainer.activity.ActivityTarget activity, @OptionalField String precision)
        implements Versioned, Validatable {
    public static final int SCHEMA_VERSION = 1;

    @Override
    public void validate(Fields f) {
        f.present("network", network).validate(f.sub("network"));
        f.range("epochsDone", epochsDone, 0, 1_000_000);
        f.check(adamStep >= 0, "adamStep", "must be >= 0");
        f.check(weights.length == network.layers().length - 1, "weights", "does not match network.layers");
        f.check(adamM.length == weights.length && adamV.length == weights.length, "adamM", "does not match weights");
    }
}
