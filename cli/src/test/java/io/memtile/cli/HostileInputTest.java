package io.memtile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.check.ProgramHash;
import io.memtile.compiler.emit.ProgramIO;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.json.Json;
import io.memtile.core.output.OutputGuard;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.core.target.TileParams;
import io.memtile.datasets.idx.IdxWriter;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adversarial cases of issue 11, one test per defect class, through the real CLI: every case
 * ends in success or one "memtile: error:" line with exit 2, and no file is lost.
 */
class HostileInputTest {
    @TempDir static Path shared;
    static Path model, prog;

    record Out(int code, String err, String out) {
        String errLine() { return err.strip(); }
    }

    static Out run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream(), log = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            int code = cl.execute(args);
            return new Out(code, err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static void assertOneLineError(Out o, String mustContain) {
        assertEquals(2, o.code(), o.err());
        String[] lines = o.err().strip().split("\n");
        assertEquals(1, lines.length, "one line: " + o.err());
        assertTrue(lines[0].startsWith("memtile: error: "), o.err());
        assertTrue(lines[0].contains(mustContain), "'" + mustContain + "' in: " + lines[0]);
    }

    @BeforeAll
    static void fixtures() {
        Target t = Targets.paper();
        ModelArtifact m = RandomModels.create(t, new int[] {784, 12, 10}, 0.5, 3);
        model = shared.resolve("model.json");
        Json.write(model, m);
        prog = shared.resolve("prog");
        ProgramIO.write(prog, Compiler.compile(m, t, CompileOptions.ideal(1)), false);
    }

    // ---------------------------------------------------------------- 1. --out never loses a file

    @Test
    void outRefusesForeignPathsAndInputsButReplacesItsOwnKind(@TempDir Path dir) throws Exception {
        Path foreign = dir.resolve("photos");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("holiday.jpg"), "precious");
        assertOneLineError(run("compile", model.toString(), "--out", foreign.toString(), "--threads", "1", "--no-tile-files"), "--force");
        assertEquals("precious", Files.readString(foreign.resolve("holiday.jpg")));

        Path m = dir.resolve("m.json");
        Files.copy(model, m);
        byte[] before = Files.readAllBytes(m);
        assertOneLineError(run("compile", m.toString(), "--out", m.toString(), "--force"), "is also an input");
        assertOneLineError(run("compile", m.toString(), "--out", dir.toString(), "--force"), "contains the input");
        assertTrue(Files.isRegularFile(m));
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(m));

        // a previous program directory is replaced without --force; an unrelated one only with it
        Path p = dir.resolve("prog");
        assertEquals(0, run("compile", m.toString(), "--out", p.toString(), "--threads", "1", "--no-tile-files").code());
        assertTrue(Files.exists(p.resolve(OutputGuard.MARKER)));
        assertEquals(0, run("compile", m.toString(), "--out", p.toString(), "--threads", "1", "--no-tile-files").code());
        assertEquals(0, run("compile", m.toString(), "--out", foreign.toString(), "--threads", "1", "--no-tile-files", "--force").code());
        assertTrue(Files.exists(foreign.resolve(ProgramIO.PROGRAM)));

        // a program directory is not a neuron directory, a model is not a simulation result
        assertOneLineError(run("neuron", "--steps", "10", "--out", p.toString()), "memtile program output");
        assertOneLineError(run("simulate", p.toString(), "--dataset", "embedded:mnist", "--limit", "1", "--out", m.toString()), "not a memtile simulation output");
        // demo --out naming a file
        assertOneLineError(run("demo", "--out", m.toString()), "is a file");
    }

    @Test
    void staleTempDirectoriesOfKilledRunsAreCleanedUp(@TempDir Path dir) throws Exception {
        // what kill -9 mid-compile leaves: a hidden temp sibling tagged with a process id that no longer exists
        long dead = deadPid();
        Path stale = dir.resolve(".prog.tmp-" + dead + "-12345");
        Files.createDirectories(stale.resolve("tiles"));
        Files.writeString(stale.resolve("program.json"), "{half");
        Path staleFile = dir.resolve(".sim.json.tmp-" + dead + "-999.tmp");
        Files.writeString(staleFile, "");
        Path live = dir.resolve(".prog.tmp-" + ProcessHandle.current().pid() + "-1");
        Files.createDirectories(live);
        assertEquals(0, run("compile", model.toString(), "--out", dir.resolve("prog").toString(), "--threads", "1", "--no-tile-files").code());
        assertFalse(Files.exists(stale), "stale temp dir removed");
        assertTrue(Files.exists(live), "a live process's temp dir is left alone");
        assertOneLineError(run("simulate", dir.resolve("nope").toString(), "--dataset", "embedded:mnist", "--out", dir.resolve("sim.json").toString()),
                "not found");
        assertFalse(Files.exists(staleFile), "stale temp file removed when its output is checked");
    }

    static long deadPid() {
        for (long pid = 4_000_000; ; pid++) if (ProcessHandle.of(pid).isEmpty()) return pid;
    }

    // ---------------------------------------------------------------- 2. one program checker + content hash

    static Path tampered(Path dir, String name, UnaryOperator<TileProgram> edit, boolean reseal) throws Exception {
        TileProgram p = edit.apply(ProgramIO.read(prog));
        if (reseal) p = ProgramHash.seal(p);
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        Json.write(d.resolve(ProgramIO.PROGRAM), p);
        return d;
    }

    static TileProgram withLayer0(TileProgram p, UnaryOperator<LayerMapping> f) {
        List<LayerMapping> l = new ArrayList<>(p.layers());
        l.set(0, f.apply(l.get(0)));
        return new TileProgram(p.schemaVersion(), p.provenance(), p.network(), p.target(), l, p.tiles(), p.neurons(), p.stats());
    }

    static TileProgram withTile0(TileProgram p, UnaryOperator<TileImage> f) {
        List<TileImage> t = new ArrayList<>(p.tiles());
        t.set(0, f.apply(t.get(0)));
        return new TileProgram(p.schemaVersion(), p.provenance(), p.network(), p.target(), p.layers(), t, p.neurons(), p.stats());
    }

    @Test
    void verifySimulateAndReportRejectTamperedPrograms(@TempDir Path dir) throws Exception {
        assertEquals(0, run("verify", prog.toString(), "--model", model.toString()).code());
        // an edit without a new hash is caught by the hash
        Path gainRaw = tampered(dir, "gain-raw", p -> withLayer0(p, m -> new LayerMapping(m.layer(), m.inputs(), m.outputs(), m.gUnit(), m.gOff(),
                m.currentGain() * 1e6, m.drive(), m.quantRmsError(), m.rangeScale(), m.columnScale(), m.irGain())), false);
        assertOneLineError(run("verify", gainRaw.toString()), "provenance.contentSha256");
        // with a recomputed hash, the checker names the field
        Path gain = tampered(dir, "gain", p -> withLayer0(p, m -> new LayerMapping(m.layer(), m.inputs(), m.outputs(), m.gUnit(), m.gOff(),
                m.currentGain() * 1e6, m.drive(), m.quantRmsError(), m.rangeScale(), m.columnScale(), m.irGain())), true);
        assertOneLineError(run("verify", gain.toString()), "layers[0].currentGain");
        Path sim = dir.resolve("sim.json");
        assertOneLineError(run("simulate", gain.toString(), "--dataset", "embedded:mnist", "--limit", "1", "--out", sim.toString()), "layers[0].currentGain");
        assertFalse(Files.exists(sim));

        assertOneLineError(run("verify", tampered(dir, "drive", p -> withLayer0(p, m -> new LayerMapping(m.layer(), m.inputs(), m.outputs(),
                m.gUnit(), m.gOff(), m.currentGain(), "MEMBRANE", m.quantRmsError(), m.rangeScale(), m.columnScale(), m.irGain())), true).toString()), "layers[0].drive");
        assertOneLineError(run("verify", tampered(dir, "gunit", p -> withLayer0(p, m -> new LayerMapping(m.layer(), m.inputs(), m.outputs(),
                -m.gUnit(), m.gOff(), m.currentGain(), m.drive(), m.quantRmsError(), m.rangeScale(), m.columnScale(), m.irGain())), true).toString()), "layers[0].gUnit");
        assertOneLineError(run("verify", tampered(dir, "outputs", p -> withLayer0(p, m -> new LayerMapping(m.layer(), m.inputs(), m.outputs() + 1,
                m.gUnit(), m.gOff(), m.currentGain(), m.drive(), m.quantRmsError(), m.rangeScale(), m.columnScale(), m.irGain())), true).toString()), "layers[0].outputs");
        assertOneLineError(run("verify", tampered(dir, "stuck", p -> withTile0(p, t -> new TileImage(t.id(), t.rows(), t.cols(), t.blocks(),
                t.targetLevel(), t.conductance(), new int[] {-3})), true).toString()), "tiles[0].stuck[0]");
        assertOneLineError(run("verify", tampered(dir, "unused", p -> withTile0(p, t -> {
            double[] g = t.conductance().clone();
            int[] lv = t.targetLevel().clone();
            int last = t.rows() * t.cols() - 1; // the ideal 784-12-10 program leaves the tile's last cell unused
            g[last] = 5e-4;
            return new TileImage(t.id(), t.rows(), t.cols(), t.blocks(), lv, g, t.stuck());
        }), true).toString()), "is in no block");
        assertOneLineError(run("verify", tampered(dir, "deleted", p -> withTile0(p, t -> new TileImage(t.id(), t.rows(), t.cols(),
                t.blocks().subList(1, t.blocks().size()), t.targetLevel(), t.conductance(), t.stuck())), true).toString()), "");
        assertOneLineError(run("verify", tampered(dir, "duplicated", p -> withTile0(p, t -> {
            var b = new ArrayList<>(t.blocks());
            b.add(b.get(0));
            return new TileImage(t.id(), t.rows(), t.cols(), b, t.targetLevel(), t.conductance(), t.stuck());
        }), true).toString()), "also used by block");

        // sim.json records the content hash; report re-checks the program and refuses a changed one
        Path own = dir.resolve("own");
        Files.createDirectories(own);
        Files.copy(prog.resolve(ProgramIO.PROGRAM), own.resolve(ProgramIO.PROGRAM));
        Out s = run("simulate", own.toString(), "--dataset", "embedded:mnist", "--limit", "2", "--threads", "1", "--ideal", "--out", sim.toString());
        assertEquals(0, s.code(), s.err());
        String hash = ProgramIO.read(own).provenance().contentSha256();
        assertTrue(Files.readString(sim).contains(hash));
        Out rep = run("report", sim.toString(), "--format", "md");
        assertEquals(0, rep.code(), rep.err());
        assertTrue(rep.out().contains(hash), "report shows the program hash");
        Files.copy(gain.resolve(ProgramIO.PROGRAM), own.resolve(ProgramIO.PROGRAM), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertOneLineError(run("report", sim.toString()), "layers[0].currentGain");
    }

    // ---------------------------------------------------------------- 3. sizes: a memory estimate, not a stack trace

    @Test
    void hugeSizesAreRefusedWithTheOptionTheEstimateAndTheHeap(@TempDir Path dir) throws Exception {
        assertOneLineError(run("neuron", "--steps", "2000000000"), "-Xmx");
        assertOneLineError(run("train", "--layers", "784,1048576,10", "--out", dir.resolve("t.json").toString()), "--layers");
        assertOneLineError(run("compile", model.toString(), "--switches", "100000", "--out", dir.resolve("p").toString()), "--switches");
        Target t = Targets.paper();
        TileParams tp = t.tile();
        Path big = dir.resolve("big-tile.json");
        Json.write(big, t.withTile(new TileParams(65536, 65536, tp.cellType(), tp.technologyNm(), tp.areaMm2(), tp.wireResistanceOhm(),
                tp.readVoltageMax(), tp.spareColumns())));
        assertOneLineError(run("compile", model.toString(), "--target", big.toString(), "--out", dir.resolve("p").toString()), "tile");
        assertFalse(Files.exists(dir.resolve("p")));
        assertFalse(Files.exists(dir.resolve("t.json")));
    }

    // ---------------------------------------------------------------- 4. paper mode in closed form

    @Test
    void paperReportOfHugeLayersIsClosedFormAndNeverNegative() {
        Out o = run("report", "--paper", "--layers", "262144,262144,10", "--format", "csv");
        assertEquals(0, o.code(), o.err());
        for (String line : o.out().split("\n")) {
            if (line.startsWith("paper,")) {
                String[] f = line.split(",");
                for (int k = 5; k < 8; k++) if (!f[k].isEmpty()) assertTrue(Double.parseDouble(f[k]) > 0, line);
            }
        }
        Out md = run("report", "--paper", "--layers", "262144,262144,10");
        assertTrue(md.out().contains("8,388,928"), "tile count as a long");
        for (String line : md.out().split("\n")) {
            if (line.matches("\\| [NPA]_.*")) {
                String[] cells = line.split("\\|");
                assertFalse(cells[cells.length - 1].strip().startsWith("-"), "no negative count, power or area: " + line);
            }
        }
    }

    // ---------------------------------------------------------------- 5. divergence

    @Test
    void divergedStatesStopEvalAndSimulateWithTheLikelyCause(@TempDir Path dir) throws Exception {
        ModelArtifact m = Json.read(model, ModelArtifact.class);
        NetworkConfig c = m.network();
        NetworkConfig explicit = new NetworkConfig(c.layers(), "EXPLICIT", c.alphaForm(), c.inputAmplitude(), c.layerScales(), c.lossVoltageUnit(),
                c.readout(), c.steps(), c.dt(), c.injectionPeriod());
        Path mx = dir.resolve("explicit.json");
        Json.write(mx, new ModelArtifact(m.schemaVersion(), explicit, m.target(), m.weights(), m.training(), m.metrics(), m.hwAware()));
        assertOneLineError(run("eval", "--model", mx.toString(), "--limit", "2", "--threads", "1"), "explicit-euler integrator is unstable");
        Path px = dir.resolve("px");
        assertEquals(0, run("compile", mx.toString(), "--out", px.toString(), "--threads", "1", "--no-tile-files").code());
        Path sim = dir.resolve("sim.json");
        assertOneLineError(run("simulate", px.toString(), "--dataset", "embedded:mnist", "--limit", "2", "--threads", "1", "--out", sim.toString()),
                "diverged");
        assertFalse(Files.exists(sim));
        assertOneLineError(run("train", "--input-amplitude", "1e300", "--epochs", "1", "--train-limit", "32", "--test-limit", "4", "--threads", "1",
                "--hidden", "4", "--out", dir.resolve("t.json").toString()), "diverged");
        assertFalse(Files.exists(dir.resolve("t.json")));
    }

    // ---------------------------------------------------------------- 6. smaller ones

    @Test
    void badOptionValuesAndEmptyTestSetsAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        for (String split : new String[] {"train", "t10k"}) {
            Files.write(empty.resolve(split + "-images-idx3-ubyte"), IdxWriter.images(0, 28, 28, new byte[0]));
            Files.write(empty.resolve(split + "-labels-idx1-ubyte"), IdxWriter.labels(new int[0]));
        }
        assertOneLineError(run("eval", "--model", model.toString(), "--dataset", "idx:" + empty), "no samples");
        assertOneLineError(run("simulate", prog.toString(), "--dataset", "embedded:mnist", "--drift-age", "-1", "--out", dir.resolve("s.json").toString()),
                "--drift-age");
        assertOneLineError(run("compile", model.toString(), "--threads", "-1", "--out", dir.resolve("p").toString()), "--threads");
        assertOneLineError(run("compile", model.toString(), "--quant-sweep=0", "--out", dir.resolve("p").toString()), "--quant-sweep");
        assertOneLineError(run("compile", model.toString(), "--quant-sweep=-4", "--out", dir.resolve("p").toString()), "--quant-sweep");
        assertOneLineError(run("train", "--layers", "784,-5,10", "--out", dir.resolve("t.json").toString()), "layers[1]");
        // a usage error is one line plus a hint, not the whole usage text
        Out u = run("eval", "--model", model.toString(), "--thread", "2");
        assertEquals(2, u.code());
        String[] lines = u.err().strip().split("\n");
        assertEquals(2, lines.length, u.err());
        assertTrue(lines[0].startsWith("memtile: error: ") && lines[0].contains("--threads"), lines[0]);
        assertTrue(lines[1].contains("--help"), lines[1]);
        Out missing = run("compile", model.toString());
        assertEquals(2, missing.code());
        assertEquals(2, missing.err().strip().split("\n").length, missing.err());
    }

    // ---------------------------------------------------------------- 8. shipped models and eval --dump

    @Test
    void shippedModelResolvesByNameAndEvalDumpsPerSampleScores(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("scores.csv");
        Out o = run("eval", "--model", "mnist", "--dataset", "embedded:mnist", "--limit", "5", "--threads", "1", "--dump", dump.toString());
        assertEquals(0, o.code(), o.err());
        List<String> rows = Files.readAllLines(dump);
        assertEquals(6, rows.size());
        assertTrue(rows.get(0).startsWith("sample,label,predicted,score_0"));
        for (String r : rows.subList(1, rows.size())) {
            String[] f = r.split(",");
            int best = 0;
            for (int k = 1; k < 10; k++) if (Double.parseDouble(f[3 + k]) > Double.parseDouble(f[3 + best])) best = k;
            assertEquals(Integer.parseInt(f[2]), best, "predicted = argmax of the dumped scores: " + r);
        }
        // a user's file of the same name wins over the shipped model
        Path local = dir.resolve("mnist");
        Files.writeString(local, "{}");
        Out mine = run("eval", "--model", local.toString(), "--limit", "1");
        assertEquals(2, mine.code());
    }
}
