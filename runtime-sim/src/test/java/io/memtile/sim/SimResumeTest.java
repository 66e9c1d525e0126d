package io.memtile.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.program.TileProgram;
import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.core.target.NonIdealities;
import io.memtile.datasets.Dataset;
import io.memtile.sim.result.SimResult;
import io.memtile.sim.resume.SimCheckpoint;
import io.memtile.sim.resume.SimCheckpointer;
import io.memtile.sim.resume.SimFingerprint;
import io.memtile.trainer.decision.EarlyDecisionRule;
import io.memtile.trainer.model.ModelArtifact;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --resume}: a run killed at any checkpoint continues to the same result as an uninterrupted one. */
class SimResumeTest {
    static TileProgram prog;
    static Dataset data;
    /** Read noise and d2d on, so every sample draws from its own noise stream; stuck and IR drop too. */
    static final NonIdealities ALL = new NonIdealities(0.05, 0.02, 0.01, 0.5, 0, true, 0);
    /** More samples than one chunk of two workers, so a pass has several snapshot boundaries. */
    static final int N = 2 * Simulator.CHUNK_PER_THREAD * 2 + 37;

    @BeforeAll
    static void setUp() {
        ModelArtifact m = TestPrograms.model(TestPrograms.smallTiles(), new int[] {48, 20, 10}, 120, 31);
        prog = TestPrograms.ideal(m);
        data = TestPrograms.dataset(m, N, 32);
    }

    static SimOptions opts() {
        return SimOptions.defaults(prog).withNonIdealities(ALL).withThreads(2).withAblation(true).withTraceSample(3);
    }

    static SimFingerprint fingerprint(SimOptions o) {
        return SimFingerprint.of("sha", "synthetic", data, o, EarlyDecisionRule.DEFAULT);
    }

    /** A checkpointer that saves at every chunk boundary and "is killed" right after its k-th save. */
    static final class KilledAt extends SimCheckpointer {
        final int k;

        KilledAt(Path f, SimFingerprint fp, boolean resume, int k) {
            super(f, fp, resume, 0);
            this.k = k;
        }

        @Override
        protected void afterSave(int saveCount) {
            if (saveCount == k) throw new Killed();
        }
    }

    static final class Killed extends RuntimeException {}

    /** Every field of the result except the wall-clock figures of the run. */
    static void assertSameResult(SimResult a, SimResult b) {
        for (RecordComponent c : SimResult.class.getRecordComponents()) {
            if (c.getName().equals("run")) continue;
            try {
                assertEquals(Json.toJson(c.getAccessor().invoke(a)), Json.toJson(c.getAccessor().invoke(b)), c.getName());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aRunKilledAtAnyCheckpointResumesToTheUninterruptedResult(@TempDir Path dir) {
        SimOptions o = opts();
        SimResult reference = Simulator.run(prog, data, o);
        SimFingerprint fp = fingerprint(o);
        // saves: 2 boundaries of the main pass (1, 2), the finished main pass (3), then per ablation pass 2 boundaries and its end
        // (4, 5, 6; 7, ...): kills inside the main pass, right after it, and inside the first and second extra passes
        for (int k : new int[] {1, 3, 5, 7}) {
            Path f = dir.resolve("sim" + k + ".json.ckpt");
            assertThrows(Killed.class, () -> Simulator.run(prog, data, o, EarlyDecisionRule.DEFAULT, new KilledAt(f, fp, false, k)), "kill " + k);
            assertTrue(Files.exists(f));
            SimCheckpoint saved = Json.read(f, SimCheckpoint.class);
            assertTrue(saved.main().done() > 0 && saved.main().done() <= N);
            // resumed with a different thread count: results do not depend on it
            SimCheckpointer again = new SimCheckpointer(f, fp, true, 0);
            SimResult resumed = Simulator.run(prog, data, o.withThreads(1), EarlyDecisionRule.DEFAULT, again);
            assertSameResult(reference, resumed);
            again.delete();
            assertFalse(Files.exists(f));
        }
    }

    @Test
    void resumeRefusesACheckpointOfAnotherRun(@TempDir Path dir) {
        SimOptions o = opts();
        Path f = dir.resolve("sim.json.ckpt");
        assertThrows(Killed.class, () -> Simulator.run(prog, data, o, EarlyDecisionRule.DEFAULT, new KilledAt(f, fingerprint(o), false, 1)));
        MemtileException e = assertThrows(MemtileException.class, () -> new SimCheckpointer(f, fingerprint(o.withSeed(2)), true, 0));
        assertTrue(e.getMessage().contains("fingerprint.seed"), e.getMessage());
        MemtileException none = assertThrows(MemtileException.class, () -> new SimCheckpointer(dir.resolve("absent.ckpt"), fingerprint(o), true, 0));
        assertTrue(none.getMessage().contains("no checkpoint to resume from"), none.getMessage());
    }

    @Test
    void aCorruptCheckpointIsAOneLineError(@TempDir Path dir) throws Exception {
        SimOptions o = opts();
        Path f = dir.resolve("sim.json.ckpt");
        assertThrows(Killed.class, () -> Simulator.run(prog, data, o, EarlyDecisionRule.DEFAULT, new KilledAt(f, fingerprint(o), false, 1)));
        String text = Files.readString(f);
        Files.writeString(f, text.replaceFirst("\"done\":\\s*\\d+", "\"done\":" + (N + 5)));
        MemtileException e = assertThrows(MemtileException.class, () -> new SimCheckpointer(f, fingerprint(o), true, 0));
        assertTrue(e.getMessage().contains("main.done"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
