package io.memtile.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Target;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.events.SparseFrames;
import io.memtile.sim.chip.ChipInstance;
import io.memtile.sim.chip.ChipNetwork;
import io.memtile.sim.chip.LayerOperator;
import io.memtile.sim.engine.EngineSpec;
import io.memtile.sim.engine.SampleEngine;
import io.memtile.sim.engine.SimArrays;
import io.memtile.sim.engine.Trace;
import io.memtile.trainer.engine.Bptt;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.model.ModelArtifact;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Binned event input on an ideal chip: the simulator's per-bin layer-0 drive reproduces the trainer's
 * binned reference forward map (time-varying frames, several tiles), and word lines of channels without
 * events dissipate nothing.
 */
class EventAgreementTest {
    static SparseFrames frames(int n, int channels, int bins, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        SparseFrames.Builder fb = new SparseFrames.Builder(bins, channels, 2);
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < bins; k++) {
                // a moving blob: the active channels shift with the bin, so the input really varies in time
                for (int c = 0; c < channels; c++) {
                    int dist = Math.abs(c - (k * channels / bins + s) % channels);
                    if (dist < channels / 5 && r.nextDouble() < 0.7) fb.add(k, c);
                }
            }
            fb.endSample();
        }
        return fb.build();
    }

    @Test
    void idealChipMatchesTheBinnedReference() {
        Target t = TestPrograms.smallTiles();
        ModelArtifact m = TestPrograms.model(t, new int[] {70, 24, 10}, 400, 3);
        TileProgram p = TestPrograms.ideal(m);
        assertTrue(p.tiles().size() > 2, "layers must span several tiles");
        SparseFrames f = frames(3, 70, 8, 5);
        NonIdealities off = NonIdealities.ideal();
        LayerOperator[] ops = ChipNetwork.build(ChipInstance.build(p, off, 1), false, false, false, 1);
        EngineSpec spec = new EngineSpec(p, ops, off, 0, 1);
        List<int[]> watch = new ArrayList<>();
        for (int l = 0; l < spec.depth; l++) for (int j = 0; j < spec.widths[l + 1]; j++) watch.add(new int[] {l, j});
        Bptt ref = new Bptt(Network.of(m));
        double maxDiff = 0, maxV = 0;
        for (int s = 0; s < f.samples(); s++) {
            double[][] dense = new double[f.bins()][70];
            for (int k = 0; k < f.bins(); k++) f.frame(s, k, dense[k]);
            ref.forward(dense, -1, m.weights());
            Trace tr = new Trace(watch.toArray(new int[0][]), spec.widths, spec.steps, spec.tiles);
            new SampleEngine(spec).run(0, f, s, new SimArrays(spec, 1), tr);
            int w = 0;
            for (int l = 0; l < spec.depth; l++) {
                double[][] v = ref.voltages(l);
                for (int j = 0; j < spec.widths[l + 1]; j++, w++) {
                    for (int st = 0; st < spec.steps; st++) {
                        maxDiff = Math.max(maxDiff, Math.abs(v[st + 1][j] - tr.membrane[w][st]));
                        maxV = Math.max(maxV, v[st + 1][j]);
                    }
                }
            }
        }
        System.out.printf("event agreement: max |dV| = %.3e V (max V %.3f V)%n", maxDiff, maxV);
        assertTrue(maxV > 0.06, "the test network must actually spike (max V " + maxV + ")");
        assertTrue(maxDiff < 1e-6, "max |dV| = " + maxDiff);
    }

    @Test
    void silentChannelsCostNoArrayEnergy() {
        Target t = TestPrograms.smallTiles();
        ModelArtifact m = TestPrograms.model(t, new int[] {70, 24, 10}, 400, 3);
        TileProgram p = TestPrograms.ideal(m);
        NonIdealities off = NonIdealities.ideal();
        LayerOperator[] ops = ChipNetwork.build(ChipInstance.build(p, off, 1), false, false, false, 1);
        EngineSpec spec = new EngineSpec(p, ops, off, 0, 1);
        // all events in channel 3 of bin 0; every other word line is never driven
        SparseFrames.Builder fb = new SparseFrames.Builder(4, 70, 1);
        fb.add(0, 3);
        fb.endSample();
        SparseFrames one = fb.build();
        SimArrays a = new SimArrays(spec, 1);
        new SampleEngine(spec).run(0, one, 0, a, null);
        double e = a.energy[SampleEngine.E_ALPHA];
        // the same drive as a static input shown only during bin 0 (steps 0..99): the energy is that of row 3 alone
        double alphaSq = 0;
        for (int st = 0; st < spec.steps / 4; st++) alphaSq += spec.inputAmplitude * spec.alpha[st] * spec.inputAmplitude * spec.alpha[st];
        double rowS = 0;
        for (int r = 0; r < ops[0].rowInput().length; r++) if (ops[0].rowInput()[r] == 3) rowS += ops[0].rowS()[r];
        assertTrue(rowS > 0);
        assertEquals(alphaSq * spec.dt * rowS, e, 1e-12 * e);
    }
}
