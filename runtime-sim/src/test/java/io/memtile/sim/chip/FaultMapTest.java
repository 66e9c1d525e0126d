package io.memtile.sim.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.core.target.TileParams;
import org.junit.jupiter.api.Test;

/**
 * The chip's manufacturing faults are the ones the compiler drew and found while programming it: the
 * simulator does not draw a second set; switching stuck-at off heals exactly the found cells; field
 * failures are drawn on top.
 */
class FaultMapTest {
    static TileProgram program(double rate) {
        Target t = Targets.paper();
        TileParams tp = t.tile();
        t = t.withTile(new TileParams(32, 32, tp.cellType(), tp.technologyNm(), tp.areaMm2(), tp.wireResistanceOhm(), tp.readVoltageMax(), 0));
        var n = t.nonIdealities();
        t = t.withNonIdealities(new NonIdealities(0, 0, rate, 0.5, 0, false, 0));
        var m = RandomModels.create(t, new int[] {40, 16, 4}, 0.15, 3);
        return Compiler.compile(m, t, new CompileOptions(2, "pack", 64, true, false, true, false, 1, 0, "layer", false)).program();
    }

    @Test
    void stuckOnKeepsTheProgramsFaultsAndOffHealsTheFoundOnes() {
        TileProgram p = program(0.02);
        assertTrue(p.provenance().faultMap());
        ChipInstance on = ChipInstance.build(p, new NonIdealities(0, 0, 0.02, 0.5, 0, false, 0), 9);
        ChipInstance off = ChipInstance.build(p, NonIdealities.ideal(), 9);
        assertEquals(0, on.freshStuckCells(), "no second fault draw");
        int n = p.target().synapse().switches();
        double gOn = p.target().synapse().gOn(), gOff = p.target().synapse().gOff();
        long healed = 0;
        for (int t = 0; t < p.tiles().size(); t++) {
            TileImage ti = p.tiles().get(t);
            assertArrayEquals(ti.conductance(), on.conductance(t), 0);
            java.util.Set<Integer> st = new java.util.HashSet<>();
            for (int s : ti.stuck()) st.add(s);
            for (int c = 0; c < ti.conductance().length; c++) {
                if (st.contains(c)) {
                    double want = gOff + (gOn - gOff) * Math.max(ti.targetLevel()[c], 0) / n;
                    assertEquals(want, off.conductance(t)[c], 1e-15);
                    if (want != ti.conductance()[c]) healed++;
                } else {
                    assertEquals(ti.conductance()[c], off.conductance(t)[c], 0);
                }
            }
        }
        assertTrue(healed > 0);
    }

    @Test
    void fieldFailuresAreDrawnOnTopAndSeeded() {
        TileProgram p = program(0.0);
        NonIdealities ff = new NonIdealities(0, 0, 0, 0.5, 0, false, 0.01);
        ChipInstance a = ChipInstance.build(p, ff, 4), b = ChipInstance.build(p, ff, 4);
        assertTrue(a.freshStuckCells() > 0);
        assertEquals(a.freshStuckCells(), b.freshStuckCells());
        for (int t = 0; t < p.tiles().size(); t++) assertArrayEquals(a.conductance(t), b.conductance(t), 0);
    }
}
