package io.memtile.sim.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.core.target.TileParams;
import org.junit.jupiter.api.Test;

/**
 * The simulator honours the IR-drop-aware placement (pass irplace): with ideal wires the permuted program
 * computes exactly the same layer operators as the unpermuted one, and with IR drop it computes different ones.
 */
class IrPlacementSimTest {
    static TileProgram program(boolean irPlacement) {
        Target t = Targets.paper();
        TileParams tp = t.tile();
        t = t.withTile(new TileParams(32, 32, tp.cellType(), tp.technologyNm(), tp.areaMm2(), tp.wireResistanceOhm(), tp.readVoltageMax(), 0));
        var m = RandomModels.create(t, new int[] {40, 16, 4}, 0.15, 5);
        return Compiler.compile(m, t, new CompileOptions(2, "pack", 64, true, false, false, false, 1, 0, "layer", false, irPlacement, false)).program();
    }

    @Test
    void permutedProgramHasTheSameIdealOperatorsAndDifferentIrDropOnes() {
        TileProgram a = program(false), b = program(true);
        ChipInstance ca = ChipInstance.build(a, NonIdealities.ideal(), 1), cb = ChipInstance.build(b, NonIdealities.ideal(), 1);
        LayerOperator[] ia = ChipNetwork.build(ca, false, false, false, 1), ib = ChipNetwork.build(cb, false, false, false, 1);
        boolean placementDiffers = false;
        for (int ti = 0; ti < a.tiles().size(); ti++) {
            for (int bi = 0; bi < a.tiles().get(ti).blocks().size(); bi++) {
                var x = a.tiles().get(ti).blocks().get(bi);
                var y = b.tiles().get(ti).blocks().get(bi);
                placementDiffers |= !java.util.Arrays.equals(x.rows(), y.rows()) || !java.util.Arrays.equals(x.plusCols(), y.plusCols());
            }
        }
        assertTrue(placementDiffers, "the pass must have moved something");
        for (int l = 0; l < ia.length; l++) assertArrayEquals(ia[l].w(), ib[l].w(), 0, "ideal wires: layer " + l);
        LayerOperator[] ra = ChipNetwork.build(ca, true, false, false, 1), rb = ChipNetwork.build(cb, true, false, false, 1);
        assertFalse(java.util.Arrays.equals(ra[0].w(), rb[0].w()), "with IR drop the placement matters");
    }
}
