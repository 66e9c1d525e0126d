package io.memtile.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfig;
import io.memtile.trainer.model.NetworkConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI training: the default 784-100-10 network and circuit factors (NetworkConfigs) on the bundled
 * MNIST subset (2,000 train / 500 test) must learn well above chance (10 %). To keep CI near 30 s on
 * 2 cores, the sample window is shortened to 400 steps (4 alpha injections instead of 10) and 2 epochs
 * are run; everything else is the shipped default.
 */
class EmbeddedTrainingTest {
    static final double ACCURACY_FLOOR = 0.70;

    @Test
    void defaultNetworkLearnsTheEmbeddedMnistSubset(@TempDir Path dir) {
        Target t = Targets.paper();
        NetworkConfig d = NetworkConfigs.defaults(t);
        NetworkConfig c = new NetworkConfig(d.layers(), d.integrator(), d.alphaForm(), d.inputAmplitude(), d.layerScales(),
                d.lossVoltageUnit(), d.readout(), 400, d.dt(), d.injectionPeriod());
        Dataset train = Datasets.load("embedded:mnist", Split.TRAIN);
        Dataset test = Datasets.load("embedded:mnist", Split.TEST);
        assertEquals(2000, train.size());
        TrainOptions o = new TrainOptions("embedded:mnist", c, t, 2, 32, TrainDefaults.LR, TrainDefaults.BETA1, TrainDefaults.BETA2,
                TrainDefaults.SEED, TrainDefaults.INIT_SCALE, 2, 0, dir.resolve("m.json"), false, 0);
        ModelArtifact m = Trainer.train(o, train, test, System.out);
        double acc = m.metrics().get("testAccuracy");
        System.out.printf("embedded:mnist CI training: test accuracy %.2f%% (%d samples), wall %.1f s%n", 100 * acc,
                m.metrics().get("testSamples").intValue(), m.metrics().get("wallSeconds"));
        assertEquals(500, m.metrics().get("testSamples").intValue());
        assertTrue(acc >= ACCURACY_FLOOR, "test accuracy " + acc + " below the floor " + ACCURACY_FLOOR);
    }
}
