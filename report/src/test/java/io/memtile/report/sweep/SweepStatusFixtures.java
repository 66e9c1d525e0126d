package io.memtile.report.sweep;

import io.memtile.report.sweep.cluster.SweepStatus;
import io.memtile.report.sweep.cluster.SweepStatus.Job;
import io.memtile.report.sweep.cluster.SweepStatus.State;
import java.nio.file.Path;
import java.util.List;

/** A fixed status report with every state, for the status template's golden test. */
public final class SweepStatusFixtures {
    private SweepStatusFixtures() {}

    public static SweepStatus.Report report() {
        return new SweepStatus.Report(Path.of("/s/plan.json"), List.of(
                new Job(0, "paper-65nm_t64_bT_v0", State.DONE, ""),
                new Job(1, "paper-65nm_t64_bT_v0.1", State.RUNNING, "slurm 41_1 RUNNING"),
                new Job(2, "paper-65nm_t128_bT_v0", State.QUEUED, "slurm 41_2 PENDING"),
                new Job(3, "paper-65nm_t128_bT_v0.1", State.FAILED, "slurm 41_3: model.json: file not found"),
                new Job(4, "paper-65nm_t256_bT_v0", State.MISSING, "")), true, 1);
    }
}
