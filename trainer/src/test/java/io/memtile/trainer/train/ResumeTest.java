package io.memtile.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.TestModels;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {
    static final int[] LAYERS = {16, 8, 4};
    static final NetworkConfig NET = TestModels.config(LAYERS, "EXPONENTIAL", 2, new double[] {2, 1}, 1e-2, 80, 1e-5, 20);
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    static TrainOptions opts(Path out, int epochs, int threads, boolean resume) {
        return new TrainOptions("synthetic", NET, TestModels.paper(), epochs, 8, 3e-3, 0.9, 0.999, 17, 0.3, threads, 0, out, resume, 0);
    }

    @Test
    void oneEpochPlusResumeEqualsTwoEpochsStraight(@TempDir Path dir) {
        Dataset train = TestModels.synthetic(40, 16, 4, 1);
        Dataset test = TestModels.synthetic(12, 16, 4, 2);
        ModelArtifact straight = Trainer.train(opts(dir.resolve("a.json"), 2, 2, false), train, test, QUIET);
        Path b = dir.resolve("b.json");
        ModelArtifact first = Trainer.train(opts(b, 1, 2, false), train, test, QUIET);
        assertTrue(Files.exists(b.resolveSibling("b.json.ckpt")));
        ModelArtifact resumed = Trainer.train(opts(b, 2, 2, true), train, test, QUIET);
        assertDeepEquals(straight.weights(), resumed.weights());
        assertEquals(straight.metrics().get("testAccuracy"), resumed.metrics().get("testAccuracy"));
        // training moved the weights, so the equality above is not vacuous
        assertTrue(differs(first.weights(), straight.weights()));
        // and the written artifact round-trips exactly
        ModelArtifact read = Json.read(b, ModelArtifact.class);
        assertDeepEquals(resumed.weights(), read.weights());
        assertEquals(2, read.training().epochs());
    }

    @Test
    void resultDoesNotDependOnThreadCount(@TempDir Path dir) {
        Dataset train = TestModels.synthetic(30, 16, 4, 3);
        ModelArtifact one = Trainer.train(opts(dir.resolve("one.json"), 1, 1, false), train, null, QUIET);
        ModelArtifact three = Trainer.train(opts(dir.resolve("three.json"), 1, 3, false), train, null, QUIET);
        assertDeepEquals(one.weights(), three.weights());
    }

    @Test
    void resumeRejectsDifferentOptions(@TempDir Path dir) {
        Dataset train = TestModels.synthetic(16, 16, 4, 4);
        Path out = dir.resolve("m.json");
        Trainer.train(opts(out, 1, 1, false), train, null, QUIET);
        TrainOptions other = new TrainOptions("synthetic", NET, TestModels.paper(), 2, 8, 3e-3, 0.9, 0.999, 99, 0.3, 1, 0, out, true, 0);
        MemtileException e = assertThrows(MemtileException.class, () -> Trainer.train(other, train, null, QUIET));
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
        // Adam's moments were accumulated with the checkpoint's betas: other betas cannot resume bit-identically
        TrainOptions beta = new TrainOptions("synthetic", NET, TestModels.paper(), 2, 8, 3e-3, 0.8, 0.999, 17, 0.3, 1, 0, out, true, 0);
        e = assertThrows(MemtileException.class, () -> Trainer.train(beta, train, null, QUIET));
        assertTrue(e.getMessage().contains("beta1"), e.getMessage());
    }

    @Test
    void weightsStayRealisable(@TempDir Path dir) {
        Dataset train = TestModels.synthetic(32, 16, 4, 5);
        TrainOptions big = new TrainOptions("synthetic", NET, TestModels.paper(), 2, 4, 0.5, 0.9, 0.999, 3, 0.9, 1, 0, dir.resolve("x.json"), false, 0);
        ModelArtifact m = Trainer.train(big, train, null, QUIET);
        int atBound = 0;
        for (double[][] l : m.weights()) for (double[] r : l) for (double x : r) {
            assertTrue(Math.abs(x) <= 1.0, "weight " + x + " outside [-1, 1]");
            if (Math.abs(x) == 1.0) atBound++;
        }
        assertTrue(atBound > 0, "lr 0.5 should drive some weights onto the projection bound");
    }

    static boolean differs(double[][][] a, double[][][] b) {
        for (int l = 0; l < a.length; l++) for (int j = 0; j < a[l].length; j++) for (int i = 0; i < a[l][j].length; i++)
            if (a[l][j][i] != b[l][j][i]) return true;
        return false;
    }

    static void assertDeepEquals(double[][][] a, double[][][] b) {
        assertEquals(a.length, b.length);
        for (int l = 0; l < a.length; l++) for (int j = 0; j < a[l].length; j++) assertArrayEquals(a[l][j], b[l][j], 0.0);
    }
}
