package io.memtile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.RandomModels;
import io.memtile.compiler.emit.ProgramIO;
import io.memtile.compiler.program.BitlineRef;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.json.Json;
import io.memtile.core.target.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compile --bitline-ref} through the CLI: verify, the dump, simulate, and the one-line errors. */
class BitlineRefCommandTest {
    @TempDir
    Path dir;

    @Test
    void compileVerifySimulateAndRefuse() throws Exception {
        Path model = dir.resolve("model.json");
        Json.write(model, RandomModels.create(Targets.paper(), new int[] {784, 20, 10}, 1.0, 3));
        Path out = dir.resolve("prog");
        Object[] r = SimulateCommandTest.run("compile", model.toString(), "--target", "paper-65nm", "--out", out.toString(), "--threads", "1",
                "--bitline-ref", "0.05", "--no-tile-files");
        assertEquals(0, r[0], (String) r[1]);
        assertEquals(0.05, ProgramIO.read(out).layers().get(1).bitline().vRef());
        assertTrue(Files.readString(out.resolve(ProgramIO.REPORT)).contains("\"bitline\""));
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream so = new java.io.ByteArrayOutputStream();
        Object[] v;
        try {
            System.setOut(new java.io.PrintStream(so, true, java.nio.charset.StandardCharsets.UTF_8));
            v = SimulateCommandTest.run("verify", out.toString(), "--model", model.toString());
        } finally {
            System.setOut(old);
        }
        assertEquals(0, v[0], (String) v[1]);
        String ok = so.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(ok.contains("bit-line compensation currents match the nominal levels"), ok);

        Path sim = dir.resolve("sim.json");
        Object[] s = SimulateCommandTest.run("simulate", out.toString(), "--dataset", "embedded:mnist", "--limit", "2", "--threads", "1",
                "--out", sim.toString());
        assertEquals(0, s[0], (String) s[1]);
        assertTrue(Files.readString(sim).contains("\"bitlineRefByLayerV\""));

        // a tampered compensation, hash resealed: the checker names the field, in one line, and simulate refuses too
        TileProgram p = ProgramIO.read(out);
        List<LayerMapping> ls = new ArrayList<>(p.layers());
        LayerMapping l1 = ls.get(1);
        double[] c = l1.bitline().compensation().clone();
        c[3] = -c[3] + 1e-9;
        ls.set(1, l1.withBitline(new BitlineRef(l1.bitline().vRef(), c)));
        Json.write(out.resolve("program.json"), io.memtile.compiler.check.ProgramHash.seal(new TileProgram(p.schemaVersion(), p.provenance(),
                p.network(), p.target(), List.copyOf(ls), p.tiles(), p.neurons(), p.stats())));
        v = SimulateCommandTest.run("verify", out.toString());
        assertEquals(2, v[0]);
        String err = ((String) v[1]).strip();
        assertTrue(err.contains("field 'layers[1].bitline.compensation[3]'"), err);
        assertEquals(1, err.lines().filter(x -> x.startsWith("memtile: error")).count(), err);
        Path sim2 = dir.resolve("sim2.json");
        s = SimulateCommandTest.run("simulate", out.toString(), "--dataset", "embedded:mnist", "--limit", "1", "--out", sim2.toString());
        assertEquals(2, s[0]);
        assertFalse(Files.exists(sim2));

        // one voltage per membrane-driven layer
        Path out2 = dir.resolve("prog2");
        r = SimulateCommandTest.run("compile", model.toString(), "--out", out2.toString(), "--bitline-ref", "0.1,0.2", "--no-tile-files");
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("--bitline-ref") && ((String) r[1]).contains("1 membrane-driven"), (String) r[1]);
        assertFalse(Files.exists(out2));
        r = SimulateCommandTest.run("compile", model.toString(), "--out", out2.toString(), "--bitline-ref", "0.1", "--no-quantize", "--no-tile-files");
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("needs quantised levels"), (String) r[1]);
    }
}
