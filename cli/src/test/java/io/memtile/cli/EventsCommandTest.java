package io.memtile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.json.Json;
import io.memtile.trainer.model.ModelArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** events convert -> train / eval / compile / simulate on nmnist:DIR, and the one-line error for a truncated file. */
class EventsCommandTest {
    @Test
    void convertedEventsRunThroughThePipeline(@TempDir Path dir) throws Exception {
        Path ev = dir.resolve("ev");
        assertEquals(0, Main.execute("events", "convert", "--dataset", "embedded:mnist", "--train-limit", "24", "--test-limit", "6",
                "--seed", "2", "--out", ev.toString()));
        assertTrue(Files.isRegularFile(ev.resolve("conversion.json")));
        String spec = "nmnist:" + ev;
        Path model = dir.resolve("m.json");
        assertEquals(0, Main.execute("train", "--dataset", spec, "--epochs", "1", "--batch", "8", "--steps", "40",
                "--injection-period", "4", "--hidden", "12", "--seed", "5", "--threads", "2", "--out", model.toString()));
        ModelArtifact m = Json.read(model, ModelArtifact.class);
        assertEquals(2312, m.network().layers()[0], "the input width follows the data");
        assertEquals(24, m.training().trainSamples());
        assertEquals(0, Main.execute("eval", "--model", model.toString(), "--dataset", spec, "--dump", dir.resolve("d.csv").toString()));
        Path prog = dir.resolve("prog");
        assertEquals(0, Main.execute("compile", model.toString(), "--ideal-programming", "--no-faults", "--out", prog.toString()));
        assertEquals(0, Main.execute("simulate", prog.toString(), "--dataset", spec, "--ideal", "--no-calibrate", "--limit", "3",
                "--threads", "1", "--out", dir.resolve("sim.json").toString()));

        // a truncated sample file: exit 2, nothing written
        Path f;
        try (var s = Files.walk(ev.resolve("Test"))) {
            f = s.filter(p -> p.toString().endsWith(".bin")).findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 2));
        Path sim2 = dir.resolve("sim2.json");
        assertEquals(Main.EXIT_BAD_INPUT, Main.execute("simulate", prog.toString(), "--dataset", spec, "--out", sim2.toString()));
        assertTrue(!Files.exists(sim2));
    }
}
