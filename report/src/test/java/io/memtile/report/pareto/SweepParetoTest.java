package io.memtile.report.pareto;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memtile.core.MemtileException;
import io.memtile.core.target.Targets;
import io.memtile.report.MeasuredPpa;
import io.memtile.report.Reports;
import io.memtile.report.SimFixturesAccess;
import io.memtile.report.sweep.SweepPlanner;
import io.memtile.report.sweep.SweepRunner;
import io.memtile.report.sweep.SweepSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepParetoTest {
    @Test
    void aPaperModeSweepHasNoEnergyToPlot(@TempDir Path dir) {
        Path plan = SweepPlanner.write(SweepPlanner.plan(new SweepSpec("tile=64,128", "paper-65nm", "784-100-10", null, null, 0, 1)), dir);
        for (int i = 0; i < 2; i++) SweepRunner.run(plan, i);
        var r = SimFixturesAccess.paper784();
        var table = MeasuredPpa.compute(r, Targets.paper());
        assertThrows(MemtileException.class, () -> Reports.withSweep(table, r, plan));
    }
}
