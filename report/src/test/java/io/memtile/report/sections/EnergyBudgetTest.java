package io.memtile.report.sections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.sim.result.SimResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnergyBudgetTest {
    @Test
    void sourcesAddUpToTheTotalOfTheFixture() {
        SimResult r = io.memtile.report.SimFixturesAccess.paper784();
        EnergyBudget b = EnergyBudget.of(r);
        assertTrue(b.closes(), "sum " + b.sumJ() + " total " + b.totalJ() + " tiles " + b.tileSumJ());
        assertEquals(r.energy().totalJ(), b.sumJ(), 1e-9 * r.energy().totalJ());
        assertTrue(b.section().footer().startsWith("The sources add up"));
    }

    @Test
    void aBudgetThatDoesNotCloseIsFlagged() {
        SimResult r = io.memtile.report.SimFixturesAccess.paper784();
        List<SimResult.TileEnergy> tiles = new ArrayList<>(r.tiles());
        SimResult.TileEnergy t0 = tiles.get(0);
        // one tile books 1 nJ more than the sources account for
        tiles.set(0, new SimResult.TileEnergy(t0.tile(), t0.layers(), t0.cellsUsed(), t0.arrayJ() + 1e-9, t0.neuronJ(), t0.totalJ() + 1e-9, t0.averagePowerW()));
        SimResult bad = new SimResult(r.schemaVersion(), r.provenance(), r.topology(), r.accuracy(), r.activity(), r.energy(), tiles,
                r.averagePowerW(), r.inferenceTimeS(), r.latency(), r.operating(), r.adc(), r.ablation(), r.traces(), r.run(),
                r.actionPotentials(), r.earlyDecision(), r.annBaseline(), r.calibration(), r.driftHorizons());
        EnergyBudget b = EnergyBudget.of(bad);
        assertFalse(b.closes());
        assertTrue(b.section().footer().startsWith("WARNING"));
    }

    @Test
    void aBitlineReferenceIsNamedAndItsDacsListedAsNotModelled() {
        SimResult r = io.memtile.report.SimFixturesAccess.paper784();
        EnergyBudget plain = EnergyBudget.of(r);
        assertFalse(String.join(" ", plain.names()).contains("Bit-line reference"));
        SimResult.Operating o = r.operating();
        SimResult.Operating withRef = new SimResult.Operating(o.meanCellConductanceS(), o.meanAbsRowVoltageV(), o.rmsRowVoltageV(),
                o.meanCellPowerW(), o.meanAbsRowVoltageByLayerV(), o.meanCellConductanceByLayerS(), new double[] {0, -0.1});
        SimResult ref = new SimResult(r.schemaVersion(), r.provenance(), r.topology(), r.accuracy(), r.activity(), r.energy(), r.tiles(),
                r.averagePowerW(), r.inferenceTimeS(), r.latency(), withRef, r.adc(), r.ablation(), r.traces(), r.run(),
                r.actionPotentials(), r.earlyDecision(), r.annBaseline(), r.calibration(), r.driftHorizons());
        EnergyBudget b = EnergyBudget.of(ref);
        int k = b.names().indexOf("Bit-line reference: sense-amplifier references and per-neuron compensation DACs");
        assertTrue(k > 0, String.valueOf(b.names()));
        assertEquals(null, b.sources().get(k));
        assertTrue(b.notes().get(1).contains("layer 1 at -0.1 V"), b.notes().get(1));
        // the modelled sources and the closure are the same figures
        assertEquals(plain.sumJ(), b.sumJ(), 0.0);
        assertTrue(b.closes());
    }
}
