package io.memtile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.RandomModels;
import io.memtile.core.json.Json;
import io.memtile.core.target.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCommandTest {
    @TempDir
    Path dir;

    @Test
    void compileThenVerifyAndCorruptionIsReported() throws Exception {
        Path model = dir.resolve("model.json");
        Json.write(model, RandomModels.create(Targets.paper(), new int[] {150, 40, 10}, 1.0, 3));
        Path out = dir.resolve("prog");
        Object[] r = SimulateCommandTest.run("compile", model.toString(), "--target", "paper-65nm", "--out", out.toString(), "--threads", "1");
        assertEquals(0, r[0], (String) r[1]);
        assertTrue(Files.exists(out.resolve("program.json")));
        assertTrue(Files.exists(out.resolve("summary.md")));
        assertTrue(Files.exists(out.resolve("tiles/tile-000.csv")));
        assertTrue(Files.exists(out.resolve("heatmaps/tile-000.png")));
        assertEquals(0, SimulateCommandTest.run("verify", out.toString(), "--model", model.toString())[0]);

        // swap two rows of a block so that two blocks collide: verify must name the violation
        String json = Files.readString(out.resolve("program.json"));
        String bad = json.replaceFirst("\"rows\":\\s*\\[\\s*0,\\s*1,", "\"rows\": [0, 0,");
        assertFalse(bad.equals(json));
        Files.writeString(out.resolve("program.json"), bad);
        // the content hash catches the edit first ...
        Object[] v = SimulateCommandTest.run("verify", out.toString());
        assertEquals(2, v[0]);
        assertTrue(((String) v[1]).contains("provenance.contentSha256"), (String) v[1]);
        // ... and with a recomputed hash the checker names the violation
        var resealed = io.memtile.compiler.check.ProgramHash.seal(io.memtile.compiler.emit.ProgramIO.read(out));
        Json.write(out.resolve("program.json"), resealed);
        v = SimulateCommandTest.run("verify", out.toString());
        assertEquals(2, v[0]);
        assertTrue(((String) v[1]).contains("is also used by block"), (String) v[1]);
    }

    @Test
    void badInputsExitTwoAndLeaveNoOutput() throws Exception {
        Path out = dir.resolve("prog");
        Object[] r = SimulateCommandTest.run("compile", dir.resolve("missing.json").toString(), "--out", out.toString());
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("model file not found"), (String) r[1]);
        Path model = dir.resolve("model.json");
        Json.write(model, RandomModels.create(Targets.paper(), new int[] {10, 4}, 1.0, 3));
        r = SimulateCommandTest.run("compile", model.toString(), "--out", out.toString(), "--dump-after", "nosuchpass");
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("unknown pass"), (String) r[1]);
        assertFalse(Files.exists(out));
        assertEquals(2, SimulateCommandTest.run("verify", dir.resolve("none").toString())[0]);
    }
}
