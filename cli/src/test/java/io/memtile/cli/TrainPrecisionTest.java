package io.memtile.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.json.Json;
import io.memtile.trainer.model.ModelArtifact;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memtile train --precision}: recorded in the artifact, float32 by default, bad values a one-line error. */
class TrainPrecisionTest {
    private static String[] train(Path out, String... extra) {
        String[] base = {"train", "--dataset", "embedded:mnist", "--train-limit", "16", "--test-limit", "8", "--epochs", "1",
                "--batch", "8", "--threads", "1", "--hidden", "6", "--steps", "60", "--out", out.toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void precisionIsRecordedAndDefaultsToFloat32(@TempDir Path dir) {
        Path a = dir.resolve("a.json"), b = dir.resolve("b.json");
        Object[] r = SimulateCommandTest.run(train(a));
        assertEquals(0, r[0], (String) r[1]);
        assertEquals("float32", Json.read(a, ModelArtifact.class).training().precision());
        r = SimulateCommandTest.run(train(b, "--precision", "float64"));
        assertEquals(0, r[0], (String) r[1]);
        assertEquals("float64", Json.read(b, ModelArtifact.class).training().precision());
    }

    @Test
    void unknownPrecisionIsAOneLineError(@TempDir Path dir) {
        Object[] r = SimulateCommandTest.run(train(dir.resolve("c.json"), "--precision", "float16"));
        assertEquals(2, r[0]);
        String err = (String) r[1];
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("--precision") && err.contains("float16"), err);
    }
}
