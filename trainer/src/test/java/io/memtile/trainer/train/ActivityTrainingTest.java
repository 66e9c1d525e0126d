package io.memtile.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.activity.ActivityTarget;
import io.memtile.trainer.engine.Precision;
import io.memtile.trainer.engine.TestModels;
import io.memtile.trainer.model.ModelArtifact;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The activity term in a training run: it changes the result, is recorded in the artifact, and binds resume. */
class ActivityTrainingTest {
    static TrainOptions opts(Path out, int epochs, boolean resume, ActivityTarget a) {
        return new TrainOptions("synthetic", ResumeTest.NET, TestModels.paper(), epochs, 8, 3e-3, 0.9, 0.999, 17, 0.3, 2, 0, out, resume, 0, a);
    }

    @Test
    void termIsRecordedChangesTheWeightsAndResumeRequiresTheSameTerm(@TempDir Path dir) {
        Dataset train = TestModels.synthetic(24, 16, 4, 1);
        ActivityTarget a = ActivityTarget.of(0.0, 1e4);
        ModelArtifact plain = Trainer.train(opts(dir.resolve("plain.json"), 1, false, null), train, null, ResumeTest.QUIET);
        ModelArtifact with = Trainer.train(opts(dir.resolve("with.json"), 1, false, a), train, null, ResumeTest.QUIET);
        assertNull(plain.training().activity());
        assertTrue(ResumeTest.differs(plain.weights(), with.weights()), "the term must change training");
        ModelArtifact read = Json.read(dir.resolve("with.json"), ModelArtifact.class);
        assertEquals(a, read.training().activity());
        // weight 0 is no term: the record stays absent and the weights bit-identical to plain training
        ModelArtifact zero = Trainer.train(opts(dir.resolve("zero.json"), 1, false, ActivityTarget.of(0.3, 0)), train, null, ResumeTest.QUIET);
        assertNull(zero.training().activity());
        ResumeTest.assertDeepEquals(plain.weights(), zero.weights());
        MemtileException e = assertThrows(MemtileException.class,
                () -> Trainer.train(opts(dir.resolve("with.json"), 2, true, ActivityTarget.of(0.1, 1e4)), train, null, ResumeTest.QUIET));
        assertTrue(e.getMessage().contains("activity"), e.getMessage());
        Trainer.train(opts(dir.resolve("with.json"), 2, true, a), train, null, ResumeTest.QUIET);
    }

    /** float32 carries the term itself (no float64 fallback): recorded as float32, thread-independent, bit-identical on resume. */
    @Test
    void float32TrainsWithTheTermAndResumesBitIdentically(@TempDir Path dir) {
        Dataset train = TestModels.synthetic(40, 16, 4, 1);
        ActivityTarget a = ActivityTarget.of(0.0, 1e4);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ModelArtifact straight = Trainer.train(opts(dir.resolve("a.json"), 2, 2, false, a), train, null, new PrintStream(log, true));
        assertTrue(!log.toString().contains("note: training in float64"), log.toString());
        assertEquals("float32", straight.training().precision());
        Path b = dir.resolve("b.json");
        Trainer.train(opts(b, 1, 1, false, a), train, null, ResumeTest.QUIET);
        ModelArtifact resumed = Trainer.train(opts(b, 2, 3, true, a), train, null, ResumeTest.QUIET);
        ResumeTest.assertDeepEquals(straight.weights(), resumed.weights());
        ModelArtifact f64 = Trainer.train(opts(dir.resolve("c.json"), 2, 2, false, a).withPrecision(Precision.FLOAT64), train, null, ResumeTest.QUIET);
        assertTrue(ResumeTest.differs(straight.weights(), f64.weights()), "float32 must really train in float");
    }

    static TrainOptions opts(Path out, int epochs, int threads, boolean resume, ActivityTarget a) {
        return new TrainOptions("synthetic", ResumeTest.NET, TestModels.paper(), epochs, 8, 3e-3, 0.9, 0.999, 17, 0.3, threads, 0, out, resume, 0, a)
                .withPrecision(Precision.FLOAT32);
    }
}
