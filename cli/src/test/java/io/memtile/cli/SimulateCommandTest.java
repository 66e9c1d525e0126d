package io.memtile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.emit.ProgramIO;
import io.memtile.core.json.Json;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.sim.result.SimResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    /** Runs the CLI capturing stderr; returns {exit code, stderr}. */
    static Object[] run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.commandLine().execute(args);
            System.err.flush();
            String all = err.toString(StandardCharsets.UTF_8);
            // keep only the error line(s), not progress lines
            StringBuilder sb = new StringBuilder();
            for (String line : all.split("\n")) if (line.startsWith("memtile: error")) sb.append(line).append('\n');
            return new Object[] {code, sb.toString()};
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void simulatesACompiledProgramAndWritesSimJson(@TempDir Path dir) {
        Target t = Targets.paper();
        var m = RandomModels.create(t, new int[] {784, 12, 10}, 0.5, 3);
        Path prog = dir.resolve("prog");
        ProgramIO.write(prog, Compiler.compile(m, t, CompileOptions.ideal(1)), false);
        Path out = dir.resolve("sim.json");
        Object[] r = run("simulate", prog.toString(), "--dataset", "embedded:mnist", "--limit", "6", "--out", out.toString(),
                "--ideal", "--read-noise", "0.01", "--threads", "2");
        assertEquals(0, r[0], (String) r[1]);
        SimResult s = Json.read(out, SimResult.class);
        assertEquals(6, s.accuracy().n());
        assertEquals(0.01, s.provenance().nonIdealities().readNoiseSigma());
        assertEquals(0, s.provenance().nonIdealities().d2dSigma());
        assertEquals(64, s.provenance().programSha256().length());
    }

    @Test
    void missingProgramIsOneLineErrorWithoutOutput(@TempDir Path dir) {
        Path out = dir.resolve("sim.json");
        Object[] r = run("simulate", dir.resolve("nope").toString(), "--dataset", "embedded:mnist", "--out", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r[0]);
        String err = ((String) r[1]).trim();
        assertTrue(err.startsWith("memtile: error: ") && err.contains("nope") && !err.contains("\n"), err);
        assertFalse(Files.exists(out));
    }

    @Test
    void corruptProgramNamesTheFileAndField(@TempDir Path dir) throws Exception {
        Path prog = dir.resolve("prog");
        Files.createDirectories(prog);
        Files.writeString(prog.resolve("program.json"), "{\"schemaVersion\": 1}");
        Path out = dir.resolve("sim.json");
        Object[] r = run("simulate", prog.toString(), "--dataset", "embedded:mnist", "--out", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r[0]);
        String err = ((String) r[1]).trim();
        assertTrue(err.contains("program.json") && err.contains("field '"), err);
        assertFalse(Files.exists(out));
    }

    @Test
    void datasetWidthMismatchIsRejected(@TempDir Path dir) {
        Target t = Targets.paper();
        var m = RandomModels.create(t, new int[] {100, 8, 10}, 0.5, 3);
        Path prog = dir.resolve("prog");
        ProgramIO.write(prog, Compiler.compile(m, t, CompileOptions.ideal(1)), false);
        Path out = dir.resolve("sim.json");
        Object[] r = run("simulate", prog.toString(), "--dataset", "embedded:mnist", "--out", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r[0]);
        String err = ((String) r[1]).trim();
        assertTrue(err.contains("field 'dim'") && err.contains("784") && err.contains("100"), err);
        assertFalse(Files.exists(out));
    }
}
