package io.memtile.sim.engine;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.datasets.Dataset;
import io.memtile.sim.TestProgramsAccess;
import io.memtile.sim.chip.ChipInstance;
import io.memtile.sim.chip.ChipNetwork;
import io.memtile.sim.monitor.SampleMonitor;
import io.memtile.trainer.decision.EarlyDecisionRule;
import io.memtile.trainer.model.ModelArtifact;
import org.junit.jupiter.api.Test;

/**
 * The lane twin of the per-sample engine: with every non-ideality on (device-to-device spread, read
 * noise, stuck-at faults, drift, IR drop), each sample run in a lane group (full or partial, at any
 * lane position) gives bit for bit the per-sample engine's results: prediction, decision and
 * first-spike steps, every energy slot, row statistics, spike counts, action potentials and the
 * early decision.
 */
class LaneSampleEngineTest {
    @Test
    void everyPerSampleResultIsBitIdentical() {
        ModelArtifact m = TestProgramsAccess.model(TestProgramsAccess.smallTiles(), new int[] {48, 20, 10}, 300, 21);
        TileProgram prog = TestProgramsAccess.ideal(m);
        int n = 11;
        Dataset data = TestProgramsAccess.dataset(m, n, 22);
        NonIdealities all = new NonIdealities(0.05, 0.02, 0.01, 0.5, 0.05, true, 0);
        EngineSpec spec = new EngineSpec(prog, ChipNetwork.build(ChipInstance.build(prog, all, 3), true, true, true, 1), all, 0.01, 3);
        assertTrue(spec.readNoiseSigma > 0 && spec.driftTau > 0);

        SimArrays ref = assertLanesMatchOneSample(spec, data, n);
        // not vacuous: the samples differ from each other and spiked
        long spikes = 0;
        for (long[] s : ref.spikeCounts) for (long c : s) spikes += c;
        assertTrue(spikes > 0);
        assertNotEquals(ref.energy[0], ref.energy[ref.energySlots]);
    }

    /** With a word-line driver whose rails bind, every non-ideality on: the lane engine still gives the one-sample engine's bits. */
    @Test
    void wordLineDriverToo() {
        ModelArtifact m0 = TestProgramsAccess.model(TestProgramsAccess.smallTiles(), new int[] {48, 20, 10}, 300, 21);
        ModelArtifact m = new ModelArtifact(m0.schemaVersion(), m0.network().withDriveRange(new double[] {0.0101, 0.0502}), m0.target(),
                m0.weights(), m0.training(), m0.metrics(), m0.hwAware());
        TileProgram prog = TestProgramsAccess.ideal(m);
        int n = 11;
        Dataset data = TestProgramsAccess.dataset(m, n, 22);
        NonIdealities all = new NonIdealities(0.05, 0.02, 0.01, 0.5, 0.05, true, 0);
        EngineSpec spec = new EngineSpec(prog, ChipNetwork.build(ChipInstance.build(prog, all, 3), true, true, true, 1), all, 0.01, 3);
        assertTrue(spec.driver != null);
        SimArrays driven = assertLanesMatchOneSample(spec, data, n);
        TileProgram direct = TestProgramsAccess.ideal(m0);
        EngineSpec spec0 = new EngineSpec(direct, ChipNetwork.build(ChipInstance.build(direct, all, 3), true, true, true, 1), all, 0.01, 3);
        SimArrays plain = assertLanesMatchOneSample(spec0, data, n);
        // not vacuous: the clamp changed layer 1's word-line statistics (row |V| sums)
        assertNotEquals(plain.rowStats[SimArrays.ROW_STATS], driven.rowStats[SimArrays.ROW_STATS]); // sample 0, layer 1, sum |V|
    }

    /**
     * Runs samples 0..n of {@code data} through the one-sample engine and, as a full group out of order then a
     * partial one, through an 8-lane engine on the same spec, and asserts every per-sample result is bit-identical.
     * Returns the one-sample engine's arrays. Shared with BitlineRefEngineTest.
     */
    static SimArrays assertLanesMatchOneSample(EngineSpec spec, Dataset data, int n) {
        EarlyDecisionRule rule = EarlyDecisionRule.DEFAULT;
        SimArrays ref = new SimArrays(spec, n);
        SampleEngine one = new SampleEngine(spec, new SampleMonitor(spec, rule));
        double[] x = new double[data.dim()];
        for (int i = 0; i < n; i++) {
            data.sample(i, x);
            one.run(i, x, ref, null);
        }

        SimArrays lanes = new SimArrays(spec, n);
        int L = 8;
        StepObserver[] mons = new StepObserver[L];
        for (int b = 0; b < L; b++) mons[b] = new SampleMonitor(spec, rule);
        LaneSampleEngine eng = new LaneSampleEngine(spec, L, mons);
        // a full group out of order, then a partial one
        int[][] groups = {{7, 0, 5, 2, 9, 4, 1, 10}, {3, 8, 6}};
        double[][] xs = new double[L][data.dim()];
        for (int[] g : groups) {
            for (int b = 0; b < g.length; b++) data.sample(g[b], xs[b]);
            eng.run(g.clone(), xs, g.length, lanes);
        }

        assertArrayEquals(ref.predicted, lanes.predicted);
        assertArrayEquals(ref.firstSpikeStep, lanes.firstSpikeStep);
        assertArrayEquals(ref.decisionStep, lanes.decisionStep);
        assertArrayEquals(ref.energy, lanes.energy, 0.0);
        assertArrayEquals(ref.rowStats, lanes.rowStats, 0.0);
        for (int l = 0; l < ref.spikeCounts.length; l++) assertArrayEquals(ref.spikeCounts[l], lanes.spikeCounts[l]);
        assertArrayEquals(ref.monitor.actionPotentials, lanes.monitor.actionPotentials);
        assertArrayEquals(ref.monitor.apSteps, lanes.monitor.apSteps);
        assertArrayEquals(ref.monitor.earlyStep, lanes.monitor.earlyStep);
        assertArrayEquals(ref.monitor.earlyPredicted, lanes.monitor.earlyPredicted);
        assertArrayEquals(ref.monitor.energyAtDecision, lanes.monitor.energyAtDecision, 0.0);
        return ref;
    }
}
