package io.memtile.trainer.hwaware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.TestModels;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfig;
import io.memtile.trainer.train.TrainOptions;
import io.memtile.trainer.train.Trainer;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hardware-aware training end to end through Trainer: seeded, recorded, resumable only with the same settings. */
class HwAwareTrainingTest {
    static final int[] LAYERS = HwTransformTest.LAYERS;
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    static TrainOptions opts(Path out, int epochs, boolean resume) {
        NetworkConfig c = TestModels.config(LAYERS, "EXPONENTIAL", 0.5, new double[] {4, 2}, 1e-2, 100, 1e-5, 50);
        return new TrainOptions("synthetic", c, HwTransformTest.T, epochs, 4, 1e-2, 0.9, 0.999, 5, 0.3, 2, 0, out, resume, 0);
    }

    static ModelArtifact run(Path out, int epochs, boolean resume, HwAwareConfig cfg) {
        Dataset d = TestModels.synthetic(12, 20, 3, 2);
        HwTransform hw = cfg == null ? null : HwTransformTest.transform(cfg);
        return Trainer.train(opts(out, epochs, resume), null, hw, d, d, QUIET);
    }

    @Test
    void seededRunsAreIdenticalAndRecordTheSettings(@TempDir Path dir) {
        HwAwareConfig cfg = HwTransformTest.cfg(0.05, 0.01, 64, 0.01, 2.5);
        ModelArtifact a = run(dir.resolve("a.json"), 1, false, cfg);
        ModelArtifact b = run(dir.resolve("b.json"), 1, false, cfg);
        ModelArtifact ideal = run(dir.resolve("c.json"), 1, false, null);
        boolean differs = false;
        for (int l = 0; l < a.weights().length; l++) {
            for (int j = 0; j < a.weights()[l].length; j++) {
                assertArrayEquals(a.weights()[l][j], b.weights()[l][j], 0.0);
                for (int i = 0; i < a.weights()[l][j].length; i++) differs |= a.weights()[l][j][i] != ideal.weights()[l][j][i];
            }
        }
        assertTrue(differs, "hardware-aware training must change the trajectory");
        ModelArtifact read = Json.read(dir.resolve("a.json"), ModelArtifact.class);
        assertNotNull(read.hwAware());
        assertEquals(cfg, read.hwAware());
        assertEquals(null, Json.read(dir.resolve("c.json"), ModelArtifact.class).hwAware());
    }

    @Test
    void resumeIsBitIdenticalAndRefusesOtherSettings(@TempDir Path dir) {
        HwAwareConfig cfg = HwTransformTest.cfg(0.05, 0.01, 64, 0.01, 2.5);
        ModelArtifact straight = run(dir.resolve("s.json"), 2, false, cfg);
        run(dir.resolve("r.json"), 1, false, cfg);
        MemtileException e = assertThrows(MemtileException.class, () -> run(dir.resolve("r.json"), 2, true, cfg.withD2d(0.1)));
        assertTrue(e.getMessage().contains("hwAware"), e.getMessage());
        ModelArtifact resumed = run(dir.resolve("r.json"), 2, true, cfg);
        for (int l = 0; l < straight.weights().length; l++) {
            for (int j = 0; j < straight.weights()[l].length; j++) assertArrayEquals(straight.weights()[l][j], resumed.weights()[l][j], 0.0);
        }
    }
}
