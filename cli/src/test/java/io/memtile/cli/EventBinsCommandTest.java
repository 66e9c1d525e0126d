package io.memtile.cli;

import static io.memtile.cli.HostileInputTest.assertOneLineError;
import static io.memtile.cli.HostileInputTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.program.TileProgram;
import io.memtile.core.json.Json;
import io.memtile.sim.result.SimResult;
import io.memtile.trainer.model.ModelArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --bins K}: train records the binning in the model, compile carries it into the program, eval and
 * simulate bin the data that way unless {@code --bins} overrides it, and impossible values are one-line errors.
 */
class EventBinsCommandTest {
    static final String[] TRAIN = {"train", "--dataset", "embedded:nmnist", "--epochs", "1", "--batch", "8", "--steps", "40",
            "--injection-period", "4", "--hidden", "8", "--train-limit", "16", "--test-limit", "6", "--seed", "3", "--threads", "1"};

    static String[] with(String[] base, String... more) {
        String[] a = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, a, base.length, more.length);
        return a;
    }

    @Test
    void binningIsRecordedAndFollowedDownstream(@TempDir Path dir) {
        Path model = dir.resolve("m.json");
        HostileInputTest.Out tr = run(with(TRAIN, "--bins", "7", "--out", model.toString()));
        assertEquals(0, tr.code(), tr.err());
        assertTrue(tr.out().contains("event input: 7 frames per sample, each shown for 5-6 of the 40 steps"), tr.out());
        ModelArtifact m = Json.read(model, ModelArtifact.class);
        assertEquals(7, m.training().bins());

        HostileInputTest.Out ev = run("eval", "--model", model.toString(), "--dataset", "embedded:nmnist", "--limit", "4", "--threads", "1");
        assertEquals(0, ev.code(), ev.err());
        assertTrue(ev.out().contains("[7 bins, clip 2]"), "eval follows the model's binning: " + ev.out());
        HostileInputTest.Out ev2 = run("eval", "--model", model.toString(), "--dataset", "embedded:nmnist", "--limit", "4", "--threads", "1", "--bins", "3");
        assertEquals(0, ev2.code(), ev2.err());
        assertTrue(ev2.out().contains("[3 bins, clip 2]"), "--bins overrides it: " + ev2.out());

        Path prog = dir.resolve("prog");
        assertEquals(0, run("compile", model.toString(), "--ideal-programming", "--no-faults", "--no-tile-files", "--threads", "1",
                "--out", prog.toString()).code());
        assertEquals(7, Json.read(prog.resolve("program.json"), TileProgram.class).provenance().inputBins());

        Path sim = dir.resolve("sim.json");
        HostileInputTest.Out s = run("simulate", prog.toString(), "--dataset", "embedded:nmnist", "--ideal", "--limit", "2", "--threads", "1",
                "--trace-sample", "-1", "--out", sim.toString());
        assertEquals(0, s.code(), s.err());
        SimResult r = Json.read(sim, SimResult.class);
        assertEquals(7, r.provenance().bins());
        assertTrue(r.provenance().datasetName().contains("[7 bins"), r.provenance().datasetName());
        Path sim2 = dir.resolve("sim2.json");
        assertEquals(0, run("simulate", prog.toString(), "--dataset", "embedded:nmnist", "--ideal", "--limit", "2", "--threads", "1",
                "--trace-sample", "-1", "--bins", "40", "--out", sim2.toString()).code());
        assertEquals(40, Json.read(sim2, SimResult.class).provenance().bins(), "one frame per step is the finest binning");

        // impossible values: one line naming the option, exit 2, nothing written
        Path sim3 = dir.resolve("sim3.json");
        assertOneLineError(run("simulate", prog.toString(), "--dataset", "embedded:nmnist", "--bins", "41", "--out", sim3.toString()),
                "--bins: must be <= the network's 40 steps");
        assertOneLineError(run("simulate", prog.toString(), "--dataset", "embedded:nmnist", "--bins", "0", "--out", sim3.toString()), "--bins");
        assertFalse(Files.exists(sim3));
        assertOneLineError(run("eval", "--model", model.toString(), "--dataset", "embedded:nmnist", "--bins", "-2"), "must be >= 1 frame per sample");
    }

    @Test
    void impossibleBinsFailBeforeTraining(@TempDir Path dir) {
        Path model = dir.resolve("m.json");
        assertOneLineError(run(with(TRAIN, "--bins", "0", "--out", model.toString())), "--bins");
        assertOneLineError(run(with(TRAIN, "--bins", "41", "--out", model.toString())), "40 steps");
        assertFalse(Files.exists(model));
        // static images have no frames
        assertOneLineError(run("train", "--dataset", "embedded:mnist", "--bins", "5", "--epochs", "1", "--train-limit", "8", "--out", model.toString()),
                "applies to event datasets");
        assertFalse(Files.exists(model));
    }

    @Test
    void staticModelsRecordNoBins(@TempDir Path dir) {
        Path model = dir.resolve("m.json");
        assertEquals(0, run("train", "--dataset", "embedded:mnist", "--epochs", "1", "--batch", "8", "--steps", "40", "--injection-period", "4",
                "--hidden", "8", "--train-limit", "16", "--test-limit", "4", "--threads", "1", "--out", model.toString()).code());
        assertNull(Json.read(model, ModelArtifact.class).training().bins());
    }
}
