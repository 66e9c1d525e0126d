package io.memtile.sim.drive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Target;
import io.memtile.datasets.Dataset;
import io.memtile.sim.SimOptions;
import io.memtile.sim.Simulator;
import io.memtile.sim.TestProgramsAccess;
import io.memtile.sim.result.SimResult;
import io.memtile.trainer.decision.EarlyDecisionRule;
import io.memtile.trainer.model.ModelArtifact;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator applies layers[0].driveScale to the alpha amplitude: compensating the range scale s in
 * the drive (pass "drive") computes the same network as compensating it in the current gain, and
 * the alpha drivers' heat is s² times lower.
 */
class DriveScaleSimTest {
    @Test
    void driveCompensationKeepsTheComputationAndCutsTheAlphaHeatByTheRangeScale() {
        Target t = TestProgramsAccess.smallTiles();
        ModelArtifact m = TestProgramsAccess.model(t, new int[] {40, 16, 10}, 300, 11);
        // continuous conductances, exact programming, no faults; range mapping per layer
        TileProgram drive = Compiler.compile(m, t, new CompileOptions(7, "pack", 0, false, false, false, true, 1, 0, "layer", false)).program();
        LayerMapping l0 = drive.layers().get(0);
        double s = l0.scale();
        assertEquals(1 / s, l0.driveFactor(), 1e-15);
        // the same program with the range scale compensated in the current gain instead
        List<LayerMapping> layers = new ArrayList<>(drive.layers());
        layers.set(0, new LayerMapping(l0.layer(), l0.inputs(), l0.outputs(), l0.gUnit(), l0.gOff(), l0.currentGain() / s, l0.drive(),
                l0.quantRmsError(), l0.rangeScale(), l0.columnScale(), l0.irGain()));
        TileProgram gain = new TileProgram(drive.schemaVersion(), drive.provenance(), drive.network(), drive.target(), layers, drive.tiles(),
                drive.neurons(), drive.stats());
        Dataset d = TestProgramsAccess.dataset(m, 6, 13);
        SimResult a = Simulator.run(drive, d, SimOptions.defaults(drive).withNonIdealities(NonIdealities.ideal()).withThreads(1), EarlyDecisionRule.OFF);
        SimResult b = Simulator.run(gain, d, SimOptions.defaults(gain).withNonIdealities(NonIdealities.ideal()).withThreads(1), EarlyDecisionRule.OFF);
        assertEquals(b.accuracy().accuracy(), a.accuracy().accuracy());
        for (int l = 0; l < a.activity().size(); l++) {
            assertEquals(b.activity().get(l).meanActivity(), a.activity().get(l).meanActivity(), 1e-12, "activity of layer " + (l + 1));
            assertEquals(b.activity().get(l).spikesPerInference(), a.activity().get(l).spikesPerInference(), 1e-9, "activity of layer " + (l + 1));
        }
        assertTrue(s > 1.05, "range mapping must scale this layer: " + s);
        // same conductances, row voltages 1/s: the heat V^2 G falls by s^2
        assertEquals(s * s, b.energy().alphaDriveJ() / a.energy().alphaDriveJ(), 1e-9 * s * s, "alpha heat falls by the range scale squared");
        assertEquals(b.energy().crossbarJ(), a.energy().crossbarJ(), 1e-9 * b.energy().crossbarJ(), "membrane-driven layers unchanged");
        System.out.printf("drive scale 1/%.3f: alpha heat %.4g J -> %.4g J per inference%n", s, b.energy().alphaDriveJ(), a.energy().alphaDriveJ());
    }
}
