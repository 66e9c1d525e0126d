package io.memtile.compiler.bitline;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.CompileResult;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.check.ProgramChecker;
import io.memtile.compiler.check.ProgramFiles;
import io.memtile.compiler.check.ProgramHash;
import io.memtile.compiler.emit.ProgramIO;
import io.memtile.compiler.program.BitlineRef;
import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.core.target.Target;
import io.memtile.physics.mss.StochasticMss;
import io.memtile.trainer.model.ModelArtifact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pass "bitline": the compensation currents follow from the nominal levels, survive the program's round trip,
 * and the checker names a tampered one; off leaves the program exactly as before.
 */
class BitlineRefPassTest {
    final Target t = TestTargets.withTile(TestTargets.paper(), 16, 16, 0);
    final ModelArtifact m = RandomModels.create(t, new int[] {20, 12, 3}, 1.0, 9);
    /** Quantised, stochastic programming, no IR-drop pass: the designed transfer is G+ - G- of the nominal levels. */
    final CompileOptions plain = new CompileOptions(1, "pack", 16, true, true, false, false, 1, 0, "off", false);

    @Test
    void compensationIsVrefTimesGainTimesTheNominalLevelSum() {
        double vr = 0.12;
        TileProgram p = Compiler.compile(m, t, plain.withBitlineRef(new double[] {vr})).program();
        assertNull(p.layers().get(0).bitline());
        BitlineRef b = p.layers().get(1).bitline();
        assertNotNull(b);
        assertEquals(vr, b.vRef());
        // independent recomputation from the blocks: only the cells of neuron j's own pairs carry a difference
        LayerMapping lm = p.layers().get(1);
        double[] sum = new double[lm.outputs()];
        var syn = p.target().synapse();
        for (TileImage ti : p.tiles()) {
            for (Block bl : ti.blocks()) {
                if (bl.layer() != 1) continue;
                for (int o = 0; o < bl.outCount(); o++) {
                    for (int r : bl.rows()) {
                        int lp = Math.max(ti.targetLevel()[r * ti.cols() + bl.plusCols()[o]], 0);
                        int lmn = Math.max(ti.targetLevel()[r * ti.cols() + bl.minusCols()[o]], 0);
                        sum[bl.outStart() + o] += StochasticMss.conductance(syn, lp) - StochasticMss.conductance(syn, lmn);
                    }
                }
            }
        }
        boolean nonZero = false;
        for (int j = 0; j < sum.length; j++) {
            double want = lm.currentGain() * lm.columnGain(j) * vr * sum[j];
            assertEquals(want, b.compensation()[j], 1e-12 * Math.abs(want) + 1e-30, "neuron " + j);
            nonZero |= want != 0;
        }
        assertTrue(nonZero);
        assertEquals(List.of(), ProgramChecker.check(p, m));
    }

    @Test
    void offLeavesTheProgramUnchangedAndTheTilesAreTheSameEitherWay() {
        CompileResult off = Compiler.compile(m, t, plain);
        CompileResult on = Compiler.compile(m, t, plain.withBitlineRef(new double[] {0.1}));
        String offJson = Json.toJson(off.program());
        assertFalse(offJson.contains("\"bitline\""), "a program compiled without --bitline-ref writes no bitline field");
        assertFalse(Json.toJson(off.report()).contains("\"bitline"));
        assertEquals(Json.toJson(off.program().tiles()), Json.toJson(on.program().tiles()));
        assertNotEquals(off.program().provenance().contentSha256(), on.program().provenance().contentSha256());
        // 0 V for a layer is off for that layer
        TileProgram zero = Compiler.compile(m, t, plain.withBitlineRef(new double[] {0.0})).program();
        assertEquals(offJson, Json.toJson(zero));
    }

    @Test
    void irDesignedProgramsUseTheIrDropSolveAndStayClean() {
        // the defaults: range mapping and IR-drop targets on (the target has resistive wires)
        CompileOptions o = new CompileOptions(1, "pack", 16, true, true, false, false, 1, 0).withBitlineRef(new double[] {0.2});
        CompileResult r = Compiler.compile(m, t, o);
        TileProgram p = r.program();
        assertTrue(NominalRowSums.irDesigned(p));
        assertEquals(List.of(), ProgramChecker.check(p, m));
        assertEquals(1, r.report().bitline().size());
        assertTrue(r.report().bitline().get(0).irDesigned());
        // through the IR drop the transfer is smaller than the level difference: the sums must differ from the ideal-wire ones
        double[] ir = NominalRowSums.of(p, 1);
        TileProgram noWires = new TileProgram(p.schemaVersion(), p.provenance(), p.network(), p.target(),
                p.layers().stream().map(l -> new LayerMapping(l.layer(), l.inputs(), l.outputs(), l.gUnit(), l.gOff(), l.currentGain(),
                        l.drive(), l.quantRmsError(), l.rangeScale(), l.columnScale(), null, l.driveScale())).toList(),
                p.tiles(), p.neurons(), p.stats());
        double[] ideal = NominalRowSums.of(noWires, 1);
        boolean differ = false;
        for (int j = 0; j < ir.length; j++) differ |= Math.abs(ir[j] - ideal[j]) > 1e-9 * Math.abs(ideal[j]);
        assertTrue(differ);
    }

    @Test
    void roundTripsAndVerifyNamesATamperedCompensation(@TempDir Path dir) {
        CompileResult r = Compiler.compile(m, t, plain.withBitlineRef(new double[] {0.15}));
        Path prog = dir.resolve("prog");
        ProgramIO.write(prog, r, false);
        TileProgram back = ProgramFiles.load(prog, m).program();
        assertArrayEquals(r.program().layers().get(1).bitline().compensation(), back.layers().get(1).bitline().compensation(), 0.0);
        assertEquals(0.15, back.layers().get(1).bitline().vRef());

        // tampered compensation (hash resealed so that the checker, not the hash, must catch it)
        TileProgram bad = withLayer(back, 1, l -> {
            double[] c = l.bitline().compensation().clone();
            c[1] *= 1.01;
            return l.withBitline(new BitlineRef(l.bitline().vRef(), c));
        });
        String v = String.join("\n", ProgramChecker.check(bad, m));
        assertTrue(v.contains("layers[1].bitline.compensation[1]:"), v);
        Path badDir = dir.resolve("bad");
        ProgramIO.write(badDir, new CompileResult(bad, r.report(), null, null, null, null, r.programming(), null), false);
        MemtileException e = assertThrows(MemtileException.class, () -> ProgramFiles.load(badDir, null));
        assertTrue(e.getMessage().contains("layers[1].bitline.compensation[1]"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        // a reference on the alpha-driven layer, a wrong length, a zero voltage
        TileProgram l0 = withLayer(back, 0, l -> l.withBitline(new BitlineRef(0.1, new double[l.outputs()])));
        assertTrue(String.join("\n", ProgramChecker.check(l0, m)).contains("layers[0].bitline: layer 0 is driven by the alpha generators"));
        TileProgram len = withLayer(back, 1, l -> l.withBitline(new BitlineRef(0.15, new double[1])));
        assertTrue(String.join("\n", ProgramChecker.check(len, m)).contains("layers[1].bitline.compensation: must have one current per output"));
        TileProgram z = withLayer(back, 1, l -> l.withBitline(new BitlineRef(0.0, l.bitline().compensation())));
        assertTrue(String.join("\n", ProgramChecker.check(z, m)).contains("layers[1].bitline.vRef"));
    }

    @Test
    void optionsAreChecked() {
        assertNull(BitlineRefPass.parse(null));
        assertNull(BitlineRefPass.parse("off"));
        assertArrayEquals(new double[] {0.2, -0.05}, BitlineRefPass.parse("0.2, -0.05"));
        assertTrue(assertThrows(MemtileException.class, () -> BitlineRefPass.parse("0.2V")).getMessage().contains("--bitline-ref"));
        assertTrue(assertThrows(MemtileException.class, () -> BitlineRefPass.parse("3")).getMessage().contains("--bitline-ref"));
        MemtileException e = assertThrows(MemtileException.class, () -> Compiler.compile(m, t, plain.withBitlineRef(new double[] {0.1, 0.2})));
        assertTrue(e.getMessage().contains("--bitline-ref") && e.getMessage().contains("1 membrane-driven"), e.getMessage());
        assertThrows(MemtileException.class, () -> CompileOptions.ideal(1).withBitlineRef(new double[] {0.1}));
        assertTrue(Compiler.PASSES.contains(BitlineRefPass.NAME));
    }

    private static TileProgram withLayer(TileProgram p, int l, java.util.function.UnaryOperator<LayerMapping> f) {
        List<LayerMapping> ls = new ArrayList<>(p.layers());
        ls.set(l, f.apply(ls.get(l)));
        return ProgramHash.seal(new TileProgram(p.schemaVersion(), p.provenance(), p.network(), p.target(), List.copyOf(ls), p.tiles(),
                p.neurons(), p.stats()));
    }
}
