package io.memtile.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileJob;
import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.CompileResult;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.core.target.Target;
import io.memtile.trainer.model.ModelArtifact;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramIOTest {
    @TempDir
    Path dir;
    final Target t = TestTargets.withStuck(TestTargets.withTile(TestTargets.paper(), 16, 16, 2), 0.02, 0.5);
    final ModelArtifact m = RandomModels.create(t, new int[] {30, 10, 3}, 1.0, 8);

    @Test
    void writesAllArtifactsAndReadsTheProgramBack() throws Exception {
        CompileResult r = Compiler.compile(m, t, CompileOptions.defaults(2).withThreads(1));
        Path out = dir.resolve("prog");
        ProgramIO.write(out, r);
        for (String f : List.of("program.json", "compile-report.json", "summary.md", "tiles/tile-000.csv", "heatmaps/tile-000.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(r.program().tiles().size(), Files.list(out.resolve("tiles")).count());
        TileProgram back = ProgramIO.read(out);
        assertEquals(r.program().stats(), back.stats());
        assertArrayEquals(r.program().tiles().get(0).conductance(), back.tiles().get(0).conductance());
        // the CSV holds exactly the simulated pulses
        long rows = Files.readAllLines(out.resolve("tiles/tile-000.csv")).size() - 1;
        assertEquals(r.report().tiles().get(0).pulses(), rows);
        var img = javax.imageio.ImageIO.read(out.resolve("heatmaps/tile-000.png").toFile());
        assertTrue(img.getWidth() > 16 * 20 && img.getHeight() > 16 * 20, "tile map is drawn at a readable size");
        assertTrue(Files.size(out.resolve(ProgramIO.CHIP_OVERVIEW)) > 0);
    }

    @Test
    void missingOrCorruptProgramsFailClearly() throws Exception {
        MemtileException e = assertThrows(MemtileException.class, () -> ProgramIO.read(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("no compiled program"), e.getMessage());
        Path out = dir.resolve("prog");
        ProgramIO.write(out, Compiler.compile(m, t, CompileOptions.ideal(1)));
        String json = Files.readString(out.resolve("program.json"));
        Files.writeString(out.resolve("program.json"), json.substring(0, json.length() / 2));
        assertThrows(MemtileException.class, () -> ProgramIO.read(out));
        Files.writeString(out.resolve("program.json"), json.replace("\"stats\"", "\"statz\""));
        MemtileException e2 = assertThrows(MemtileException.class, () -> ProgramIO.read(out));
        assertTrue(e2.getMessage().contains("stat"), e2.getMessage());
    }

    @Test
    void aFailedEmitLeavesNoPartialOutput() throws Exception {
        CompileResult r = Compiler.compile(m, t, CompileOptions.ideal(1));
        r.program().tiles().get(0).conductance()[5] = Double.NaN; // a corrupt program must not be written
        Path out = dir.resolve("prog");
        assertThrows(MemtileException.class, () -> ProgramIO.write(out, r));
        assertFalse(Files.exists(out));
        try (var s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "no temporary directories left behind");
        }
    }

    @Test
    void dumpAfterWritesThatPassOnlyAndInconsistentInputsLeaveNothing() throws Exception {
        Path model = dir.resolve("model.json");
        Json.write(model, m);
        for (String pass : Compiler.PASSES) {
            Path out = dir.resolve("dump-" + pass);
            var req = new CompileJob.Request(model, null, out, CompileOptions.defaults(1).withThreads(1), -1, pass, true, new int[0], "embedded:mnist", 10);
            CompileJob.run(req, new PrintStream(new ByteArrayOutputStream()));
            String[] files = out.toFile().list();
            Arrays.sort(files);
            assertArrayEquals(new String[] {io.memtile.core.output.OutputGuard.MARKER, "dump-" + pass + ".json"}, files, pass);
            assertTrue(Files.readString(out.resolve("dump-" + pass + ".json")).length() > 10);
        }
        // a model with an out-of-range weight is rejected with file + field, and no prog/ appears
        String bad = Files.readString(model).replaceFirst("(\"weights\":\\s*\\[\\s*\\[\\s*\\[\\s*)[-0-9.Ee]+", "$17.5");
        Files.writeString(model, bad);
        Path out = dir.resolve("bad");
        var req = new CompileJob.Request(model, null, out, CompileOptions.defaults(1), -1, null, true, new int[0], "embedded:mnist", 10);
        MemtileException e = assertThrows(MemtileException.class, () -> CompileJob.run(req, new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().contains("weights[0][0][0]"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    /**
     * Pins emission: the files are byte-identical whatever the thread count that renders them, the compile is
     * deterministic (same content hash twice), and every tile CSV is exactly what String.format(Locale.ROOT) of the
     * template's patterns prints (the rendering helpers are optimised; their output must not move).
     */
    @Test
    void emissionIsByteIdenticalWhateverTheThreadCountAndPinnedToStringFormat() throws Exception {
        CompileResult one = Compiler.compile(m, t, CompileOptions.defaults(2).withThreads(1));
        CompileResult two = Compiler.compile(m, t, CompileOptions.defaults(2).withThreads(3));
        assertEquals(one.program().provenance().contentSha256(), two.program().provenance().contentSha256());
        Path a = dir.resolve("one"), b = dir.resolve("two");
        ProgramIO.write(a, one);
        ProgramIO.write(b, two);
        List<Path> files;
        try (var s = Files.walk(a)) {
            files = s.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
        }
        assertTrue(files.size() >= 2 * one.program().tiles().size() + 4, "tile files written: " + files);
        for (Path f : files) {
            if (f.toString().equals(ProgramIO.REPORT)) continue; // holds the wall time of every pass
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f.toString());
        }
        for (var log : one.programming().pulseLogs()) {
            StringBuilder want = new StringBuilder("tile,row,col,pulse,kind,V,width_ns,expected_level\n");
            for (int i = 0; i < log.size(); i++) {
                want.append(String.format(java.util.Locale.ROOT, "%d,%d,%d,%d,%s,%.4g,%.6g,%.3f%n", log.tile, log.row.get(i), log.col.get(i),
                        log.pulse.get(i), log.kind.get(i) == io.memtile.compiler.program.WriteVerify.SET ? "SET" : "RESET",
                        (double) log.volts.get(i), (double) log.widthNs.get(i), (double) log.expectedLevel.get(i)));
            }
            String name = String.format(java.util.Locale.ROOT, "tiles/tile-%03d.csv", log.tile);
            assertEquals(want.toString().replace(System.lineSeparator(), "\n"), Files.readString(a.resolve(name)), name);
        }
    }
}
