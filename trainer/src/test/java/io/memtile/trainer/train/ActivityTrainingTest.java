package io.memtile.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.activity.ActivityTarget;
import io.memtile.trainer.engine.TestModels;
import io.memtile.trainer.model.ModelArtifact;
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
}
