package io.memtile.sim.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Targets;
import io.memtile.datasets.Dataset;
import io.memtile.physics.mif.Integrator;
import io.memtile.physics.mif.MifKernel;
import io.memtile.sim.SimOptions;
import io.memtile.sim.Simulator;
import io.memtile.sim.TestProgramsAccess;
import io.memtile.sim.result.SimResult;
import io.memtile.trainer.model.ModelArtifact;
import org.junit.jupiter.api.Test;

class AnnBaselineTest {
    @Test
    void quasiStaticNeuronRestsAtTheKernelsRestPointAndRisesWithCurrent() {
        var n = Targets.paper().neuron();
        QuasiStaticMif q = new QuasiStaticMif(n);
        double rest = new MifKernel(n, 1e-5, Integrator.EXPONENTIAL).restState()[0];
        assertEquals(rest, q.voltage(0), 1e-12);
        assertEquals(1e-7, q.branchCurrent(q.voltage(1e-7)), 1e-15);
        assertTrue(q.voltage(1e-7) > q.voltage(0) && q.voltage(-1e-7) < q.voltage(0));
    }

    @Test
    void theAnnRunsTheProgrammedWeightsAndMeasuresItsLoads() {
        var t = TestProgramsAccess.smallTiles();
        ModelArtifact m = TestProgramsAccess.model(t, new int[] {40, 16, 10}, 300, 11);
        TileProgram p = TestProgramsAccess.ideal(m);
        Dataset d = TestProgramsAccess.dataset(m, 12, 13);
        SimResult r = Simulator.run(p, d, SimOptions.defaults(p).withNonIdealities(NonIdealities.ideal()).withThreads(1));
        SimResult.AnnBaseline a = r.annBaseline();
        assertEquals(t.adc().bits(), a.bits());
        assertEquals(12, a.accuracy().n());
        // every weight layer drives its word lines; outputs are differential pairs, and a layer split
        // over several tiles is read on each of them (one conversion per partial sum)
        assertEquals(2, a.rows().length);
        assertTrue(a.columns()[0] >= 2L * 16 && a.columns()[0] % 2 == 0, "columns " + a.columns()[0]);
        assertTrue(a.columns()[1] >= 2L * 10 && a.columns()[1] % 2 == 0, "columns " + a.columns()[1]);
        assertTrue(a.rows()[0] >= 40 && a.rows()[1] >= 16);
        assertTrue(a.rowDriveS()[0] > 0 && a.rowDriveS()[1] > 0);
        // loads are at most every row at full scale: sum of the rows' conductance
        System.out.printf("ann baseline: accuracy %.3f against the spiking network's own predictions%n", a.accuracy().accuracy());
    }
}
