package io.memtile.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Target;
import io.memtile.core.target.TileParams;
import io.memtile.datasets.Dataset;
import io.memtile.sim.result.SimResult;
import io.memtile.trainer.engine.ReferenceForward;
import io.memtile.trainer.model.ModelArtifact;
import org.junit.jupiter.api.Test;

/**
 * The simulator counts read-limit violations of membrane-driven word lines (issue 8 item 8): on an ideal chip whose
 * tile limit is set below the hidden voltages, the share it reports equals an independent count over the reference
 * forward map's hidden voltages; a word-line driver whose rails sit within the limit brings it to zero.
 */
class ReadLimitTest {
    static Target withReadLimit(double v) {
        Target t = TestPrograms.smallTiles();
        TileParams tp = t.tile();
        return t.withTile(new TileParams(tp.rows(), tp.cols(), tp.cellType(), tp.technologyNm(), tp.areaMm2(), tp.wireResistanceOhm(), v,
                tp.spareColumns()));
    }

    @Test
    void violationsAreCountedAsTheReferenceVoltagesSayAndADriverRemovesThem() {
        double limit = 0.05;
        ModelArtifact m = TestPrograms.model(withReadLimit(limit), new int[] {40, 16, 10}, 300, 11);
        Dataset d = TestPrograms.dataset(m, 6, 13);
        long over = 0, pairs = 0;
        double[] x = new double[d.dim()];
        for (int i = 0; i < d.size(); i++) {
            d.sample(i, x);
            for (double[] step : ReferenceForward.traces(m, x)[0]) {
                for (double v : step) {
                    if (Math.abs(v) > limit) over++;
                    pairs++;
                }
            }
        }
        assertTrue(over > pairs / 20, "the hidden voltages must exceed the limit for the test to mean anything: " + over + " of " + pairs);
        TileProgram p = TestPrograms.ideal(m);
        SimResult r = Simulator.run(p, d, SimOptions.defaults(p).withNonIdealities(NonIdealities.ideal()).withThreads(2));
        SimResult.Operating o = r.operating();
        assertEquals(limit, o.readLimitV());
        // the alpha layer is bounded statically: 0 when its peak row voltage is within the limit, -1 (not counted) otherwise
        assertEquals(o.alphaPeakRowV() <= limit ? 0.0 : -1.0, o.overReadLimitShareByLayer()[0], "alpha peak " + o.alphaPeakRowV());
        assertEquals((double) over / pairs, o.overReadLimitShareByLayer()[1], 2.0 / pairs, "layer 1 share");

        ModelArtifact driven = new ModelArtifact(m.schemaVersion(), m.network().withDriveRange(new double[] {-limit, limit}), m.target(),
                m.weights(), m.training(), m.metrics(), m.hwAware());
        TileProgram pd = TestPrograms.ideal(driven);
        SimResult rd = Simulator.run(pd, d, SimOptions.defaults(pd).withNonIdealities(NonIdealities.ideal()).withThreads(2));
        assertEquals(0.0, rd.operating().overReadLimitShareByLayer()[1], "a driver with rails within the limit never exceeds it");
    }
}
