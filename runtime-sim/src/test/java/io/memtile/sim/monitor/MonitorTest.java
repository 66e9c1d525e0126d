package io.memtile.sim.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Target;
import io.memtile.datasets.Dataset;
import io.memtile.sim.SimOptions;
import io.memtile.sim.Simulator;
import io.memtile.sim.TestProgramsAccess;
import io.memtile.sim.result.SimResult;
import io.memtile.trainer.decision.EarlyDecisionRule;
import io.memtile.trainer.eval.EvalResult;
import io.memtile.trainer.eval.Evaluator;
import io.memtile.trainer.model.ModelArtifact;
import org.junit.jupiter.api.Test;

/**
 * The simulator's per-step monitor against eval: on an ideal program with every non-ideality off
 * both execute the same forward map, so action potentials and early decisions must agree exactly;
 * and the energy charged up to the decision must be part of the full run's energy.
 */
class MonitorTest {
    @Test
    void actionPotentialsAndEarlyDecisionAgreeWithEval() {
        Target t = TestProgramsAccess.smallTiles();
        // a strongly driven network so that neurons do cross V_on
        ModelArtifact m = TestProgramsAccess.model(t, new int[] {70, 24, 10}, 400, 3);
        TileProgram p = TestProgramsAccess.ideal(m);
        Dataset d = TestProgramsAccess.dataset(m, 8, 5);
        EarlyDecisionRule rule = new EarlyDecisionRule(30, 10);
        SimResult r = Simulator.run(p, d, SimOptions.defaults(p).withNonIdealities(NonIdealities.ideal()).withThreads(2), rule);
        EvalResult e = Evaluator.evaluate(m, d, 0, 1, rule);
        for (int l = 0; l < e.actionPotentials().length; l++) {
            assertEquals(e.actionPotentials()[l], r.actionPotentials().get(l).perNeuronPerInference(), 1e-12, "layer " + (l + 1));
            assertEquals(e.apTimeShare()[l], r.actionPotentials().get(l).timeShare(), 1e-12, "layer " + (l + 1));
        }
        assertEquals(e.early().decided(), r.earlyDecision().decided());
        assertEquals(e.early().accuracy(), r.earlyDecision().accuracy().accuracy(), 1e-12);
        assertEquals(e.early().meanSteps() * r.topology().dt(), r.earlyDecision().latency().mean(), 1e-12);
        assertTrue(r.earlyDecision().decided() > 0, "the rule must fire on this network");
        assertTrue(r.actionPotentials().stream().anyMatch(a -> a.perNeuronPerInference() > 0), "some neuron must fire on this network");
        assertTrue(r.earlyDecision().energy().totalJ() < r.energy().totalJ(), "stopping early must cost less");
        System.out.printf("monitor: APs/neuron L1 %.4f L2 %.4f, early decided %d/%d, mean latency %.3g s%n",
                r.actionPotentials().get(0).perNeuronPerInference(), r.actionPotentials().get(1).perNeuronPerInference(),
                r.earlyDecision().decided(), r.accuracy().n(), r.earlyDecision().latency().mean());
    }

    @Test
    void withTheRuleOffEveryInferenceRunsToTheEndAndCostsTheFullEnergy() {
        Target t = TestProgramsAccess.smallTiles();
        ModelArtifact m = TestProgramsAccess.model(t, new int[] {40, 16, 10}, 300, 11);
        TileProgram p = TestProgramsAccess.ideal(m);
        Dataset d = TestProgramsAccess.dataset(m, 6, 13);
        SimResult r = Simulator.run(p, d, SimOptions.defaults(p).withThreads(2), EarlyDecisionRule.OFF);
        assertEquals(0, r.earlyDecision().decided());
        assertEquals(r.accuracy().accuracy(), r.earlyDecision().accuracy().accuracy());
        assertEquals(r.energy().totalJ(), r.earlyDecision().energy().totalJ(), 1e-15 * r.energy().totalJ());
        assertEquals(r.inferenceTimeS(), r.earlyDecision().latency().mean(), 1e-15);
    }

    @Test
    void energyBySourceAddsUpToThePerTileBookingWithEveryNonIdealityOn() {
        Target t = TestProgramsAccess.smallTiles();
        ModelArtifact m = TestProgramsAccess.model(t, new int[] {70, 24, 10}, 400, 3);
        TileProgram p = TestProgramsAccess.ideal(m);
        Dataset d = TestProgramsAccess.dataset(m, 4, 5);
        NonIdealities all = new NonIdealities(0.05, 0.01, 0.001, 0.5, 0, true, 0);
        SimResult r = Simulator.run(p, d, SimOptions.defaults(p).withNonIdealities(all).withThreads(2));
        SimResult.Energy e = r.energy();
        double sources = e.alphaDriveJ() + e.crossbarJ() + e.mifM1J() + e.mifM2J() + e.membraneChargeJ();
        double tiles = 0;
        for (SimResult.TileEnergy te : r.tiles()) tiles += te.arrayJ() + te.neuronJ();
        assertTrue(e.totalJ() > 0);
        assertEquals(e.totalJ(), sources, 1e-12 * e.totalJ());
        assertEquals(e.totalJ(), tiles, 1e-9 * e.totalJ(), "per-tile booking must close against the sources");
        double layers = 0;
        for (double x : e.arrayByLayerJ()) layers += x;
        assertEquals(e.alphaDriveJ() + e.crossbarJ(), layers, 1e-12 * e.totalJ());
    }
}
