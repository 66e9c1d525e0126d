package io.memtile.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Target;
import io.memtile.datasets.Dataset;
import io.memtile.sim.chip.ChipInstance;
import io.memtile.sim.chip.ChipNetwork;
import io.memtile.sim.chip.LayerOperator;
import io.memtile.sim.engine.EngineSpec;
import io.memtile.sim.engine.SampleEngine;
import io.memtile.sim.engine.SimArrays;
import io.memtile.sim.engine.Trace;
import io.memtile.trainer.engine.ReferenceForward;
import io.memtile.trainer.model.ModelArtifact;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ideal compile (no quantisation, exact programming, no faults) + all non-idealities off: the
 * simulator executing programmed conductances must reproduce the trainer's reference forward map.
 */
class AgreementTest {
    /** Full membrane traces of every neuron from the simulator, [l][t][j]. */
    static double[][][] simTraces(TileProgram p, double[] x) {
        NonIdealities off = NonIdealities.ideal();
        LayerOperator[] ops = ChipNetwork.build(ChipInstance.build(p, off, 1), false, false, false, 1);
        EngineSpec spec = new EngineSpec(p, ops, off, 0, 1);
        List<int[]> watch = new ArrayList<>();
        for (int l = 0; l < spec.depth; l++) for (int j = 0; j < spec.widths[l + 1]; j++) watch.add(new int[] {l, j});
        Trace tr = new Trace(watch.toArray(new int[0][]), spec.widths, spec.steps, spec.tiles);
        new SampleEngine(spec).run(0, x, new SimArrays(spec, 1), tr);
        double[][][] out = new double[spec.depth][spec.steps][];
        int k = 0;
        for (int l = 0; l < spec.depth; l++) {
            for (int t = 0; t < spec.steps; t++) out[l][t] = new double[spec.widths[l + 1]];
            for (int j = 0; j < spec.widths[l + 1]; j++, k++) for (int t = 0; t < spec.steps; t++) out[l][t][j] = tr.membrane[k][t];
        }
        return out;
    }

    @Test
    void idealProgramMatchesReferenceForwardTo1uV() {
        Target t = TestPrograms.smallTiles();
        ModelArtifact m = TestPrograms.model(t, new int[] {70, 24, 10}, 400, 3);
        TileProgram p = TestPrograms.ideal(m);
        assertTrue(p.tiles().size() > 2, "layers must span several tiles");
        Dataset d = TestPrograms.dataset(m, 3, 5);
        double maxDiff = 0, maxV = 0;
        double[] x = new double[d.dim()];
        for (int i = 0; i < d.size(); i++) {
            d.sample(i, x);
            double[][][] ref = ReferenceForward.traces(m, x);
            double[][][] sim = simTraces(p, x);
            for (int l = 0; l < ref.length; l++) {
                for (int s = 0; s < ref[l].length; s++) {
                    for (int j = 0; j < ref[l][s].length; j++) {
                        maxDiff = Math.max(maxDiff, Math.abs(ref[l][s][j] - sim[l][s][j]));
                        maxV = Math.max(maxV, ref[l][s][j]);
                    }
                }
            }
        }
        System.out.printf("agreement: max |dV| = %.3e V over 3 samples (max V %.3f V)%n", maxDiff, maxV);
        assertTrue(maxV > 0.06, "the test network must actually spike (max V " + maxV + ")");
        assertTrue(maxDiff < 1e-6, "max |dV| = " + maxDiff);
    }

    @Test
    void idealSimulationPredictsLikeTheReference() {
        Target t = TestPrograms.smallTiles();
        ModelArtifact m = TestPrograms.model(t, new int[] {40, 16, 10}, 300, 11);
        TileProgram p = TestPrograms.ideal(m);
        Dataset d = TestPrograms.dataset(m, 12, 13);
        var r = Simulator.run(p, d, SimOptions.defaults(p).withNonIdealities(NonIdealities.ideal()).withThreads(2));
        assertEquals(1.0, r.accuracy().accuracy(), "labels are the reference's own predictions");
    }

    /**
     * With a word-line driver (network.driveRange) the ideal chip still reproduces the reference forward map.
     * The rails sit at the 30th and 70th percentiles of the hidden voltages without a driver (midway between
     * neighbouring values), so both rails bind, and the driver changes the output layer's voltages.
     */
    @Test
    void wordLineDriverIsSimulatedAsTrained() {
        Target t = TestPrograms.smallTiles();
        ModelArtifact m0 = TestPrograms.model(t, new int[] {70, 24, 10}, 400, 3);
        Dataset d = TestPrograms.dataset(m0, 3, 5);
        double[] x = new double[d.dim()];
        java.util.List<Double> hidden = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            d.sample(i, x);
            for (double[] step : ReferenceForward.traces(m0, x)[0]) for (double v : step) hidden.add(v);
        }
        double[] hv = hidden.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] rails = {between(hv, (int) (0.3 * hv.length)), between(hv, (int) (0.7 * hv.length))};
        ModelArtifact m = new ModelArtifact(m0.schemaVersion(), m0.network().withDriveRange(rails), m0.target(), m0.weights(),
                m0.training(), m0.metrics(), m0.hwAware());
        TileProgram p = TestPrograms.ideal(m);
        assertEquals(rails[1], p.network().driveRange()[1], "the program carries the model's driver");
        double maxDiff = 0, maxChange = 0;
        for (int i = 0; i < d.size(); i++) {
            d.sample(i, x);
            double[][][] ref = ReferenceForward.traces(m, x), direct = ReferenceForward.traces(m0, x);
            double[][][] sim = simTraces(p, x);
            for (int l = 0; l < ref.length; l++) {
                for (int s = 0; s < ref[l].length; s++) {
                    for (int j = 0; j < ref[l][s].length; j++) {
                        maxDiff = Math.max(maxDiff, Math.abs(ref[l][s][j] - sim[l][s][j]));
                        maxChange = Math.max(maxChange, Math.abs(ref[l][s][j] - direct[l][s][j]));
                    }
                }
            }
        }
        System.out.printf("agreement with driver [%.4f, %.4f] V: max |dV| = %.3e V; the driver moved V by up to %.3e V%n",
                rails[0], rails[1], maxDiff, maxChange);
        assertTrue(maxChange > 1e-3, "the driver must change the network's voltages (moved " + maxChange + " V)");
        assertTrue(maxDiff < 1e-6, "max |dV| = " + maxDiff);
    }

    private static double between(double[] sorted, int k) {
        int n = k + 1;
        while (n < sorted.length && sorted[n] == sorted[k]) n++;
        return n < sorted.length ? 0.5 * (sorted[k] + sorted[n]) : sorted[k] + 1e-6;
    }
}
