package io.memtile.sim.calib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.core.target.TileParams;
import io.memtile.core.target.Trim;
import io.memtile.sim.chip.ChipInstance;
import io.memtile.sim.chip.ChipNetwork;
import io.memtile.sim.chip.LayerOperator;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Calibration after programming: seeded and reproducible, and it takes out a chip's gain errors. */
class CalibrationTest {
    static TileProgram program() {
        Target t = Targets.paper();
        TileParams tp = t.tile();
        t = t.withTile(new TileParams(32, 32, tp.cellType(), tp.technologyNm(), tp.areaMm2(), tp.wireResistanceOhm(), tp.readVoltageMax(), 0));
        var m = RandomModels.create(t, new int[] {40, 16, 4}, 0.15, 3);
        return Compiler.compile(m, t, new CompileOptions(2, "pack", 64, true, true, true, false, 1, 0, "layer", false)).program();
    }

    static LayerOperator[] ops(TileProgram p, NonIdealities ni, long seed) {
        return ChipNetwork.build(ChipInstance.build(p, ni, seed), ni.wireResistance(), ni.driftTau() > 0, ni.readNoiseSigma() > 0, 1);
    }

    @Test
    void seededAndReproducible() {
        TileProgram p = program();
        NonIdealities ni = p.target().nonIdealities(); // d2d, read noise, stuck, IR drop
        Calibration.Result a = Calibration.run(p, ops(p, ni, 5), ni, 0, 11, 1);
        Calibration.Result b = Calibration.run(p, ops(p, ni, 5), ni, 0, 11, 1);
        assertEquals(a.report(), b.report());
        for (int l = 0; l < a.ops().length; l++) assertTrue(Arrays.equals(a.ops()[l].w(), b.ops()[l].w()));
        Calibration.Result c = Calibration.run(p, ops(p, ni, 5), ni, 0, 12, 1);
        assertNotEquals(a.report().layers(), c.report().layers(), "another seed draws other test vectors and read noise");
        assertEquals(11, a.report().seed());
    }

    @Test
    void trimTakesOutTheGainLossOfIrDropAndDrift() {
        TileProgram p = program(); // compiled without the IR-drop pass: IR drop is a pure loss here
        NonIdealities ni = new NonIdealities(0, 0, 0, 0, 1e6, true, 0);
        double age = 2e5; // drift has taken e^{-0.2} of every transfer
        Calibration.Result r = Calibration.run(p, ops(p, ni, 1), ni, age, 3, 1);
        for (CalibrationReport.Layer l : r.report().layers()) {
            assertTrue(l.meanGain() < 0.9, "IR drop and drift lose gain: " + l);
            assertTrue(l.rmsErrAfter() < 0.5 * l.rmsErrBefore(), "the trim restores it: " + l);
        }
        assertEquals(p.target().trim().bits(), r.report().trimBits());
    }

    @Test
    void withoutATrimCalibrationOnlyReports() {
        TileProgram p = program();
        Target t = p.target();
        Target noTrim = new Target(t.schemaVersion(), t.name(), t.description(), t.timing(), t.synapse(), t.neuron(), t.tile(), t.adc(),
                t.nonIdealities(), t.programming(), t.paper(), null);
        TileProgram q = new TileProgram(p.schemaVersion(), p.provenance(), p.network(), noTrim, p.layers(), p.tiles(), p.neurons(), p.stats());
        NonIdealities ni = new NonIdealities(0, 0, 0, 0, 0, true, 0);
        LayerOperator[] o = ops(q, ni, 1);
        Calibration.Result r = Calibration.run(q, o, ni, 0, 3, 1);
        assertEquals(0, r.report().trimBits());
        for (int l = 0; l < o.length; l++) assertTrue(o[l] == r.ops()[l]);
        for (CalibrationReport.Layer l : r.report().layers()) assertEquals(l.rmsErrBefore(), l.rmsErrAfter(), 0);
    }

    @Test
    void dacCodesAreSymmetricWithExactUnity() {
        Trim t = new Trim(8, 2.0, 16);
        assertEquals(0, t.code(1.0));
        assertEquals(1.0, t.gain(0), 0);
        assertEquals(2.0, t.gain(127), 1e-12);
        assertEquals(0.5, t.gain(-127), 1e-12);
        assertEquals(127, t.code(5.0));
        assertEquals(1.3, t.gain(t.code(1.3)), 1.3 * 0.003);
    }
}
