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

    /** Simulates the CLI's run of {@code args} with a checkpointer "killed" after its first save, as kill -9 would leave it. */
    static void killAfterFirstCheckpoint(Path prog, Path ckpt, long seed, int limit) {
        var loaded = io.memtile.sim.SimFiles.load(prog);
        var d = io.memtile.datasets.Datasets.load("embedded:mnist", io.memtile.datasets.Split.TEST);
        var o = io.memtile.sim.SimOptions.defaults(loaded.program()).withSeed(seed).withLimit(limit).withThreads(2)
                .withCalibration(true, -1);
        var rule = io.memtile.trainer.decision.EarlyDecisionRule.DEFAULT;
        var fp = io.memtile.sim.resume.SimFingerprint.of(loaded.sha256(), "embedded:mnist", d, o, rule);
        var ck = new io.memtile.sim.resume.SimCheckpointer(ckpt, fp, false, 0) {
            @Override
            protected void afterSave(int saveCount) { throw new IllegalStateException("killed"); }
        };
        try {
            io.memtile.sim.Simulator.run(loaded.program(), d, o, rule, ck);
            throw new AssertionError("the run was not interrupted");
        } catch (IllegalStateException expected) {
            // the checkpoint of the first 256 samples is on disk, as after a kill
        }
    }

    @Test
    void resumeContinuesAKilledRunToTheSameResult(@TempDir Path dir) throws Exception {
        Target t = Targets.paper();
        var m = RandomModels.create(t, new int[] {784, 12, 10}, 0.5, 3);
        Path prog = dir.resolve("prog");
        ProgramIO.write(prog, Compiler.compile(m, t, CompileOptions.defaults(1)), false);
        Path ref = dir.resolve("ref.json");
        Object[] full = run("simulate", prog.toString(), "--dataset", "embedded:mnist", "--limit", "300", "--out", ref.toString(), "--threads", "2");
        assertEquals(0, full[0], (String) full[1]);
        assertFalse(Files.exists(dir.resolve("ref.json.ckpt")), "a finished run leaves no checkpoint");

        Path out = dir.resolve("sim.json");
        Path ckpt = dir.resolve("sim.json.ckpt");
        killAfterFirstCheckpoint(prog, ckpt, 1, 300);
        assertTrue(Files.exists(ckpt) && !Files.exists(out));
        // another seed is another run: refused, naming the field, and nothing is written
        Object[] other = run("simulate", prog.toString(), "--dataset", "embedded:mnist", "--limit", "300", "--out", out.toString(), "--seed", "2", "--resume");
        assertEquals(Main.EXIT_BAD_INPUT, other[0]);
        String err = ((String) other[1]).trim();
        assertTrue(err.contains("sim.json.ckpt") && err.contains("fingerprint.seed") && !err.contains("\n"), err);
        assertFalse(Files.exists(out));

        Object[] resumed = run("simulate", prog.toString(), "--dataset", "embedded:mnist", "--limit", "300", "--out", out.toString(), "--threads", "1", "--resume");
        assertEquals(0, resumed[0], (String) resumed[1]);
        assertFalse(Files.exists(ckpt), "the finished run removed its checkpoint");
        SimResult a = Json.read(ref, SimResult.class), b = Json.read(out, SimResult.class);
        for (var c : SimResult.class.getRecordComponents()) {
            if (c.getName().equals("run")) continue;
            assertEquals(Json.toJson(c.getAccessor().invoke(a)), Json.toJson(c.getAccessor().invoke(b)), c.getName());
        }
        Object[] again = run("simulate", prog.toString(), "--dataset", "embedded:mnist", "--limit", "300", "--out", out.toString(), "--resume", "--force");
        assertEquals(Main.EXIT_BAD_INPUT, again[0]);
        assertTrue(((String) again[1]).contains("no checkpoint to resume from"), (String) again[1]);
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
