package io.memtile.cli;

import io.memtile.report.sweep.cluster.Slurm;
import io.memtile.report.sweep.cluster.SweepStatus;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code memtile sweep status}: done, queued, running, failed and missing jobs of a sweep. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Where each job of a sweep stands: done (current row), queued/running (Slurm's squeue),",
                "failed (failure note, or Slurm says so, or the task left the queue without a row), missing.",
                "Exit code 0 when every job is done, 3 otherwise (for scripts that wait)."})
final class SweepStatusCommand implements Callable<Integer> {
    static final int EXIT_NOT_DONE = 3;

    @Spec CommandSpec spec;

    @Option(names = "--plan", description = "plan.json (default: DIR/plan.json)")
    Path plan;

    @Option(names = "--dir", defaultValue = "sweep", description = "sweep directory (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--all", description = "list every job, not only those that are not done")
    boolean all;

    @Override
    public Integer call() {
        Path p = plan != null ? plan : dir.resolve("plan.json");
        SweepStatus.Report r = SweepStatus.of(p, new Slurm());
        spec.commandLine().getOut().print(SweepStatus.render(r, all));
        spec.commandLine().getOut().flush();
        return r.counts().get(SweepStatus.State.DONE) == r.jobs().size() ? 0 : EXIT_NOT_DONE;
    }
}
