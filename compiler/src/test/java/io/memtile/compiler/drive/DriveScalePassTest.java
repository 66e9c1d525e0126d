package io.memtile.compiler.drive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.CompileResult;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.check.ProgramChecker;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.Target;
import io.memtile.trainer.model.ModelArtifact;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriveScalePassTest {
    final Target t = TestTargets.withTile(TestTargets.paper(), 32, 32, 0);

    CompileResult compile(ModelArtifact m, String range) {
        return Compiler.compile(m, t, new CompileOptions(3, "pack", 64, true, false, false, false, 1, 0, range, false));
    }

    @Test
    void alphaLayerCompensatesTheRangeScaleInTheDriveMembraneLayersInTheGain() {
        ModelArtifact m = RandomModels.create(t, new int[] {40, 12, 4}, 0.15, 5);
        for (String range : List.of("layer", "column")) {
            TileProgram p = compile(m, range).program();
            double[] ls = m.network().layerScales();
            LayerMapping l0 = p.layers().get(0), l1 = p.layers().get(1);
            assertTrue(l0.scale() > 2, "trained-like weights are range mapped: " + l0.scale());
            assertEquals(1 / l0.scale(), l0.driveScale(), 1e-15, "layer 0's drive carries 1/rangeScale");
            assertEquals(1 / ls[0], l0.currentGain(), 1e-15 / ls[0], "layer 0's gain is the trained 1/layerScale");
            assertEquals(0, l1.driveScale(), "membrane-driven layers have no drive scale (absent)");
            assertEquals(1 / (ls[1] * l1.scale()), l1.currentGain(), 1e-12 / ls[1]);
            for (LayerMapping lm : p.layers()) {
                assertEquals(1, lm.currentGain() * lm.scale() * ls[lm.layer()] * lm.driveFactor(), 1e-12);
            }
            assertEquals(List.of(), ProgramChecker.check(p, m));
        }
    }

    @Test
    void rangeOffLeavesTheDriveAlone() {
        ModelArtifact m = RandomModels.create(t, new int[] {40, 12, 4}, 0.15, 5);
        TileProgram p = compile(m, "off").program();
        for (LayerMapping lm : p.layers()) assertEquals(1, lm.driveFactor());
    }

    @Test
    void verifyCatchesADriveThatDoesNotMatchTheGainAndADrivenMembraneLayer() {
        ModelArtifact m = RandomModels.create(t, new int[] {40, 12, 4}, 0.15, 6);
        TileProgram p = compile(m, "layer").program();
        LayerMapping l0 = p.layers().get(0), l1 = p.layers().get(1);
        String v0 = violations(p, m, 0, with(l0, l0.driveScale() * 1.01));
        assertTrue(v0.contains("layers[0].currentGain") && v0.contains("driveScale"), v0);
        String v1 = violations(p, m, 1, with(l1, 0.5));
        assertTrue(v1.contains("layers[1].driveScale") && v1.contains("MEMBRANE"), v1);
        String v2 = violations(p, m, 0, with(l0, -1));
        assertTrue(v2.contains("layers[0].driveScale: is -1.0, must be > 0"), v2);
    }

    static LayerMapping with(LayerMapping lm, double drive) {
        return new LayerMapping(lm.layer(), lm.inputs(), lm.outputs(), lm.gUnit(), lm.gOff(), lm.currentGain(), lm.drive(),
                lm.quantRmsError(), lm.rangeScale(), lm.columnScale(), lm.irGain(), drive);
    }

    static String violations(TileProgram p, ModelArtifact m, int l, LayerMapping lm) {
        List<LayerMapping> layers = new ArrayList<>(p.layers());
        layers.set(l, lm);
        TileProgram bad = new TileProgram(p.schemaVersion(), p.provenance(), p.network(), p.target(), layers, p.tiles(), p.neurons(), p.stats());
        return String.join("\n", ProgramChecker.check(bad, m));
    }
}
