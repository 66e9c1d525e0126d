package io.memtile.sim.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.CompileStats;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.NeuronSite;
import io.memtile.compiler.program.Provenance;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.trainer.model.NetworkConfigs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChipInstanceTest {
    /** One 64x64 tile, every cell at mid-range, one block 64 in x 32 out of a 64-32 single-layer net; cell 5 listed stuck. */
    static TileProgram oneTile() {
        Target t = Targets.paper();
        int rows = 64, cols = 64;
        double gOn = t.synapse().gOn(), gOff = t.synapse().gOff();
        double[] g = new double[rows * cols];
        int[] lv = new int[rows * cols];
        java.util.Arrays.fill(g, 0.5 * (gOn + gOff));
        int[] r = new int[64], pc = new int[32], mc = new int[32];
        for (int i = 0; i < 64; i++) r[i] = i;
        for (int o = 0; o < 32; o++) { pc[o] = 2 * o; mc[o] = 2 * o + 1; }
        TileImage tile = new TileImage(0, rows, cols, List.of(new Block(0, 0, 64, 0, 32, r, pc, mc)), lv, g, new int[] {5});
        List<NeuronSite> ns = new ArrayList<>();
        for (int j = 0; j < 32; j++) ns.add(new NeuronSite(1, j, 0, new int[] {0}));
        var net = NetworkConfigs.defaults(t, new int[] {64, 32});
        return new TileProgram(TileProgram.SCHEMA_VERSION, new Provenance("m", "", t.name(), 1, 64, "grid", "test", false), net, t,
                List.of(new LayerMapping(0, 64, 32, gOn - gOff, gOff, 0.01, "ALPHA", 0, 1.0, null, null)), List.of(tile), ns,
                new CompileStats(1, 1, 4096, 1, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void idealInstanceKeepsTheProgrammedConductancesBitForBit() {
        TileProgram p = oneTile();
        ChipInstance c = ChipInstance.build(p, NonIdealities.ideal(), 1);
        assertArrayEquals(p.tiles().get(0).conductance(), c.conductance(0));
    }

    @Test
    void deviceToDeviceVariationIsLognormalWithTheRequestedSigma() {
        TileProgram p = oneTile();
        double sigma = 0.2;
        ChipInstance c = ChipInstance.build(p, new NonIdealities(sigma, 0, 0, 0, 0, false, 0), 9);
        double gOff = p.target().synapse().gOff();
        double[] off = c.offConductance(0);
        double m = 0, s2 = 0;
        for (double v : off) m += Math.log(v / gOff);
        m /= off.length;
        for (double v : off) s2 += Math.pow(Math.log(v / gOff) - m, 2);
        double sd = Math.sqrt(s2 / (off.length - 1));
        // 4096 cells: standard error of the mean sigma/64, of the sd ~ sigma/90
        assertEquals(0, m, 4 * sigma / 64);
        assertEquals(sigma, sd, 4 * sigma / 90);
        // the programmed state is kept: a mid-range cell stays between its own G_off' and G_on'
        double[] g = c.conductance(0);
        for (int i = 0; i < g.length; i++) assertTrue(g[i] > off[i]);
        // same seed -> same chip; different seed -> different chip
        assertArrayEquals(g, ChipInstance.build(p, new NonIdealities(sigma, 0, 0, 0, 0, false, 0), 9).conductance(0));
        assertTrue(g[0] != ChipInstance.build(p, new NonIdealities(sigma, 0, 0, 0, 0, false, 0), 10).conductance(0)[0]);
    }

    @Test
    void freshStuckFaultsHitTheRateAndSparePreviouslyKnownCells() {
        TileProgram p = oneTile();
        double rate = 0.05;
        ChipInstance c = ChipInstance.build(p, new NonIdealities(0, 0, rate, 0.5, 0, false, 0), 3);
        double gOn = p.target().synapse().gOn(), gOff = p.target().synapse().gOff();
        double[] g = c.conductance(0);
        int on = 0, off = 0;
        for (double v : g) {
            if (v == gOn) on++;
            else if (v == gOff) off++;
        }
        long n = g.length;
        assertEquals(on + off, c.freshStuckCells());
        assertEquals(rate * n, on + off, 4 * Math.sqrt(rate * n));
        assertEquals(on, off, 4 * Math.sqrt(rate * n));
        assertEquals(p.tiles().get(0).conductance()[5], g[5], "a cell the compiler already knows is stuck stays as programmed");
    }
}
