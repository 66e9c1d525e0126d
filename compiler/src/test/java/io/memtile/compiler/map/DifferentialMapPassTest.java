package io.memtile.compiler.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.lower.LowerPass;
import org.junit.jupiter.api.Test;

class DifferentialMapPassTest {
    @Test
    void pairDifferenceIsGUnitTimesWeightWithinDeviceRange() {
        var t = TestTargets.paper();
        var m = RandomModels.create(t, new int[] {30, 7}, 1.0, 5);
        DifferentialLayer d = DifferentialMapPass.run(LowerPass.run(m, "x"), t).layers().get(0);
        double gOn = 1 / t.synapse().rOn(), gOff = 1 / t.synapse().rOff();
        assertEquals(gOn - gOff, d.gUnit(), 1e-18);
        assertEquals(gOff, d.gOff(), 0);
        for (int o = 0; o < 7; o++) {
            for (int i = 0; i < 30; i++) {
                double w = m.weights()[0][o][i];
                assertEquals(d.gUnit() * w, d.gPlus(o, i) - d.gMinus(o, i), 1e-15);
                assertTrue(d.gPlus(o, i) >= gOff && d.gPlus(o, i) <= gOn && d.gMinus(o, i) >= gOff && d.gMinus(o, i) <= gOn);
                assertTrue(Math.min(d.gPlus(o, i), d.gMinus(o, i)) == gOff, "one device of the pair stays at G_off");
            }
        }
    }
}
