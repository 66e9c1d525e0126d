package io.memtile.compiler;

import io.memtile.core.rng.Seeds;
import io.memtile.core.target.Target;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfigs;
import io.memtile.trainer.model.TrainingRecord;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Untrained models with uniform random weights in [-scale, scale]: for compiler demos, property
 * tests and benchmarks (placement and programming cost do not depend on training). The artifact
 * records dataset "random" and epochs 0 so it can never be mistaken for a trained model.
 */
public final class RandomModels {
    private RandomModels() {}

    public static ModelArtifact create(Target t, int[] layers, double scale, long seed) {
        SplittableRandom r = Seeds.stream(seed, "random-model-weights");
        double[][][] w = new double[layers.length - 1][][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new double[layers[l + 1]][layers[l]];
            for (double[] row : w[l]) for (int i = 0; i < row.length; i++) row[i] = scale * (2 * r.nextDouble() - 1);
        }
        TrainingRecord tr = new TrainingRecord("random", "", 0, 0, 1, 1e-3, 0.9, 0.999, seed, scale, 1);
        return new ModelArtifact(ModelArtifact.SCHEMA_VERSION, NetworkConfigs.defaults(t, layers), t, w, tr, Map.of(), null);
    }
}
