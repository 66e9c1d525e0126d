package io.memtile.cli;

import io.memtile.core.MemtileException;
import io.memtile.core.json.AtomicFiles;
import io.memtile.core.json.Hashing;
import io.memtile.report.sweep.SweepPlan;
import io.memtile.report.sweep.SweepPlanner;
import io.memtile.report.sweep.cluster.K8sIndexedJob;
import io.memtile.report.sweep.cluster.Slurm;
import io.memtile.report.sweep.cluster.SweepSubmitter;
import io.memtile.report.sweep.cluster.WorkerLauncher;
import io.memtile.report.sweep.cluster.WorkerResources;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code memtile sweep submit}: a plan's unfinished jobs as a Slurm job array ({@code --slurm}), or
 * the whole plan as a Kubernetes Indexed Job manifest ({@code --k8s-manifest FILE}, never applied).
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Run a sweep's jobs on a cluster scheduler.",
                "  memtile sweep submit --slurm --plan sweep/plan.json [--partition P] [--time T] [--cpus N] [--mem M] [--dry-run]",
                "  memtile sweep submit --slurm --grid \"tile=64,128\" --dir sweep ...   (plans first, as `sweep plan`)",
                "  memtile sweep submit --k8s-manifest job.yaml --plan sweep/plan.json --image IMG --pvc CLAIM",
                "Slurm: one array task per job that is missing or failed (done, queued and running jobs are not sent again);",
                "the script goes to DIR/cluster/slurm-N.sh, the job id to DIR/cluster/submissions.json. Then `sweep status`,",
                "and `sweep collect --plan DIR/plan.json` when done."})
final class SweepSubmitCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin SweepCommand.SpecOptions specOptions;

    @Option(names = "--plan", description = "an existing plan.json (instead of --grid ...)")
    Path plan;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--slurm", required = true, description = "submit a Slurm job array with sbatch")
        boolean slurm;

        @Option(names = "--k8s-manifest", required = true, paramLabel = "FILE", description = "write a Kubernetes Indexed Job manifest (not applied)")
        Path k8s;
    }

    @Option(names = "--partition", defaultValue = "", description = "Slurm partition (default: the cluster's)")
    String partition;

    @Option(names = "--time", defaultValue = "1:00:00", description = "wall-time limit per job (default: ${DEFAULT-VALUE})")
    String time;

    @Option(names = "--cpus", defaultValue = "1", description = "CPUs per job (default: ${DEFAULT-VALUE}; jobs are single-threaded)")
    int cpus;

    @Option(names = "--mem", defaultValue = "4G", description = "memory per job; the worker heap is 3/4 of it (default: ${DEFAULT-VALUE})")
    String mem;

    @Option(names = "--dry-run", description = "print the Slurm script; write and submit nothing")
    boolean dryRun;

    @Option(names = "--image", description = "Kubernetes: container image with memtile")
    String image;

    @Option(names = "--pvc", description = "Kubernetes: persistent volume claim holding the sweep directory (mounted at its absolute path)")
    String pvc;

    @Option(names = "--parallelism", defaultValue = "4", description = "Kubernetes: pods at once (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--k8s-command", defaultValue = "memtile", description = "Kubernetes: memtile's command in the image (default: ${DEFAULT-VALUE})")
    String k8sCommand;

    @Override
    public Integer call() {
        // Everything is checked before anything is written: resources, plan, and (for k8s) the manifest's inputs.
        WorkerResources res = new WorkerResources(partition, time, cpus, mem);
        if (plan != null && specOptions.hasGrid()) throw new MemtileException("--plan", null, "give either --plan or --grid, not both");
        Path planFile = (plan != null ? plan : specOptions.dir.resolve(SweepPlanner.PLAN_FILE)).toAbsolutePath().normalize();
        SweepPlan newPlan = specOptions.hasGrid() ? SweepPlanner.plan(specOptions.toSpec()) : null;
        if (newPlan == null && !Files.exists(planFile)) {
            throw new MemtileException(planFile.toString(), null, "no plan here; give --grid (to plan now) or --plan FILE");
        }
        PrintWriter err = spec.commandLine().getErr();
        if (mode.k8s != null) return k8s(res, planFile, newPlan, err);

        boolean planOnlyInMemory = newPlan != null && dryRun;
        if (newPlan != null && !dryRun) SweepPlanner.write(newPlan, planFile.getParent());
        SweepSubmitter.Outcome o = SweepSubmitter.slurm(planFile, planOnlyInMemory ? newPlan : null, res, WorkerLauncher.fromThisJvm(),
                Path.of("").toAbsolutePath(), new Slurm(), dryRun);
        if (o.indices().isEmpty()) {
            err.println("memtile: sweep submit: nothing to submit: every job of " + planFile + " is done, queued or running (see `memtile sweep status`)");
            return 0;
        }
        if (dryRun) {
            spec.commandLine().getOut().print(o.script());
            spec.commandLine().getOut().flush();
            err.println("memtile: sweep submit: dry run: " + o.indices().size() + " jobs would be submitted; nothing written or submitted");
            return 0;
        }
        spec.commandLine().getOut().println(o.jobId());
        spec.commandLine().getOut().flush();
        err.println("memtile: sweep submit: Slurm job " + o.jobId() + ": " + o.indices().size() + " of " + (o.status() == null ? "?" : o.status().jobs().size())
                + " jobs (script " + o.file() + "); watch with `memtile sweep status --plan " + planFile + "`");
        return 0;
    }

    private int k8s(WorkerResources res, Path planFile, SweepPlan newPlan, PrintWriter err) {
        if (dryRun) throw new MemtileException("--dry-run", null, "applies to --slurm; --k8s-manifest never submits anything anyway");
        SweepPlan p = newPlan != null ? newPlan : SweepPlanner.read(planFile);
        String name = "memtile-sweep-" + Hashing.sha256(planFile.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 8);
        String manifest = K8sIndexedJob.render(new K8sIndexedJob.Input(planFile, p.jobs().size(), name, res, image, k8sCommand, pvc, parallelism));
        if (newPlan != null) SweepPlanner.write(newPlan, planFile.getParent());
        AtomicFiles.writeString(mode.k8s, manifest);
        err.println("memtile: sweep submit: wrote " + mode.k8s + " (Indexed Job " + name + ", " + p.jobs().size()
                + " completions); apply it with `kubectl apply -f " + mode.k8s + "` (memtile does not submit it)");
        return 0;
    }
}
