package io.memtile.report.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.RandomModels;
import io.memtile.core.json.Json;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.report.sweep.cluster.SweepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep caches are keyed on what the inputs contain, not where they are. */
class ContentKeysTest {
    static SweepSpec measured(Path model) {
        return new SweepSpec("variation=0", "paper-65nm", "784-100-10", model.toString(), "embedded:mnist", 2, 5);
    }

    @Test
    void retrainingAModelInPlaceChangesTheKey(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("model.json");
        Json.write(model, RandomModels.create(Targets.paper(), new int[] {784, 8, 10}, 0.5, 3));
        SweepJob job = SweepPlanner.plan(measured(model)).jobs().get(0);
        Target t = SweepRunner.configure(Targets.load(job.target()), job);
        String sim1 = new ContentKeys().simulation(job, t);
        String row1 = new ContentKeys().row(job, t);

        // "Retrained in place": same path, other weights.
        Json.write(model, RandomModels.create(Targets.paper(), new int[] {784, 8, 10}, 0.5, 4));
        assertNotEquals(sim1, new ContentKeys().simulation(job, t), "same path, new content: new simulation key");
        assertNotEquals(row1, new ContentKeys().row(job, t));

        // The same content under another path hits the same simulation key.
        Path copy = tmp.resolve("elsewhere/copy.json");
        Files.createDirectories(copy.getParent());
        Files.copy(model, copy, StandardCopyOption.REPLACE_EXISTING);
        SweepJob moved = SweepPlanner.plan(measured(copy)).jobs().get(0);
        assertEquals(new ContentKeys().simulation(job, t), new ContentKeys().simulation(moved, t));
        // A different dataset or target content is a different key.
        assertNotEquals(new ContentKeys().dataset("embedded:mnist"), new ContentKeys().dataset("embedded:fashion-mnist"));
        assertNotEquals(ContentKeys.target(t), ContentKeys.target(Targets.load("knowm-mss")));
    }

    @Test
    void aSweepAfterRetrainingInPlaceRecomputesInsteadOfReusingStaleRows(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("model.json");
        Json.write(model, RandomModels.create(Targets.paper(), new int[] {784, 8, 10}, 0.5, 3));
        Path dir = tmp.resolve("s");
        Sweeps.Outcome first = Sweeps.runAll(measured(model), dir, 1, "md", null);
        assertEquals(1, first.ran());
        assertEquals(0, Sweeps.runAll(measured(model), dir, 1, "md", null).ran(), "unchanged inputs: cached");

        Json.write(model, RandomModels.create(Targets.paper(), new int[] {784, 8, 10}, 0.5, 4));
        SweepStatus.Job j = SweepStatus.of(dir.resolve("plan.json"), null).jobs().get(0);
        assertEquals(SweepStatus.State.MISSING, j.state());
        assertTrue(j.detail().startsWith("stale row"), j.detail());
        Sweeps.Outcome second = Sweeps.runAll(measured(model), dir, 1, "md", null);
        assertEquals(1, second.ran(), "the stale row is recomputed");
        assertNotEquals(first.table(), second.table(), "new weights, new energy figures");
        try (Stream<Path> sims = Files.list(dir.resolve("sims"))) {
            assertEquals(2, sims.count(), "one cached simulation per model content");
        }
    }
}
