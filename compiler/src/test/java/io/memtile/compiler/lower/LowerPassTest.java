package io.memtile.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.core.MemtileException;
import io.memtile.trainer.model.ModelArtifact;
import org.junit.jupiter.api.Test;

class LowerPassTest {
    final ModelArtifact m = RandomModels.create(TestTargets.paper(), new int[] {5, 4, 3}, 1.0, 1);

    @Test
    void lowersToCrossbarOpsWithDriveAndGain() {
        LayerGraph g = LowerPass.run(m, "m.json");
        assertEquals(2, g.ops().size());
        assertEquals("ALPHA", g.ops().get(0).drive());
        assertEquals("MEMBRANE", g.ops().get(1).drive());
        assertEquals(1 / m.network().layerScales()[1], g.ops().get(1).currentGain(), 0);
        assertEquals(5 * 4 + 4 * 3, g.weightCount());
        assertEquals(3, g.widths()[2]);
    }

    @Test
    void rejectsNonFiniteWeightsNamingFileAndField() {
        m.weights()[1][2][3] = Double.NaN;
        MemtileException e = assertThrows(MemtileException.class, () -> LowerPass.run(m, "m.json"));
        assertEquals("weights[1][2][3]", e.field());
        assertTrue(e.getMessage().contains("m.json"), e.getMessage());
    }

    @Test
    void rejectsWeightsOutsideTheRepresentableRange() {
        m.weights()[0][1][0] = 1.5;
        MemtileException e = assertThrows(MemtileException.class, () -> LowerPass.run(m, "m.json"));
        assertEquals("weights[0][1][0]", e.field());
        assertTrue(e.getMessage().contains("[-1, 1]"));
    }

    @Test
    void rejectsShapeMismatches() {
        m.weights()[0][3] = new double[7];
        MemtileException e = assertThrows(MemtileException.class, () -> LowerPass.run(m, "m.json"));
        assertEquals("weights[0][3]", e.field());
        double[][][] w = {m.weights()[0]};
        ModelArtifact bad = new ModelArtifact(1, m.network(), m.target(), w, m.training(), m.metrics(), null);
        assertEquals("weights", assertThrows(MemtileException.class, () -> LowerPass.run(bad, "m.json")).field());
    }
}
