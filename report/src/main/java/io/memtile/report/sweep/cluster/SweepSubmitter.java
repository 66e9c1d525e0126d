package io.memtile.report.sweep.cluster;

import io.memtile.core.MemtileException;
import io.memtile.core.json.AtomicFiles;
import io.memtile.report.sweep.SweepDir;
import io.memtile.report.sweep.SweepPlan;
import io.memtile.report.sweep.SweepPlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Hands a plan's unfinished jobs to Slurm as one job array: jobs that are done, queued or running
 * are left out, so submitting again after failures or a cancelled array sends exactly what is
 * missing. The script is kept in {@code cluster/slurm-N.sh} and the job id in
 * {@code cluster/submissions.json}.
 */
public final class SweepSubmitter {
    public static final String JOB_NAME = "memtile-sweep";

    /**
     * @param script   the rendered script
     * @param indices  the plan indices it runs (empty: nothing to submit)
     * @param file     where the script was written (null for a dry run or when nothing was submitted)
     * @param jobId    Slurm's job id (null for a dry run or when nothing was submitted)
     * @param status   the status the selection was made from
     */
    public record Outcome(String script, List<Integer> indices, Path file, String jobId, SweepStatus.Report status) {}

    private SweepSubmitter() {}

    /**
     * Renders the script for the plan's missing and failed jobs and, unless {@code dryRun}, writes and
     * submits it. For a dry run of a plan not yet on disk pass {@code planInMemory}; otherwise null.
     */
    public static Outcome slurm(Path planFile, SweepPlan planInMemory, WorkerResources res, WorkerLauncher launcher, Path workdir,
                                Scheduler scheduler, boolean dryRun) {
        Path plan = planFile.toAbsolutePath().normalize();
        Path dir = plan.getParent();
        SweepStatus.Report status = null;
        List<Integer> indices;
        int jobs;
        if (planInMemory != null) {
            jobs = planInMemory.jobs().size();
            indices = java.util.stream.IntStream.range(0, jobs).boxed().toList();
        } else {
            status = SweepStatus.of(plan, scheduler);
            jobs = status.jobs().size();
            indices = status.toSubmit();
        }
        if (indices.isEmpty()) return new Outcome("", indices, null, null, status);
        String array = IndexRanges.format(indices);
        Path logs = dir.resolve(SweepDir.CLUSTER_DIR).resolve("logs");
        String script = SlurmArrayScript.render(new SlurmArrayScript.Input(plan, jobs, array, JOB_NAME, res, launcher, logs,
                workdir.toAbsolutePath().normalize()));
        if (dryRun) return new Outcome(script, indices, null, null, status);

        int n = Submissions.read(dir).submissions().size() + 1;
        Path file = dir.resolve(SweepDir.CLUSTER_DIR).resolve("slurm-" + n + ".sh");
        try {
            Files.createDirectories(logs); // Slurm does not create the --output directory; a missing one loses the logs
            AtomicFiles.writeString(file, script);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new MemtileException(file.toString(), null, "cannot write: " + e.getMessage());
        }
        String jobId;
        try {
            jobId = scheduler.submit(file);
        } catch (RuntimeException e) {
            // Nothing was submitted: leave no script behind that would look like a submission.
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the error below matters more
            }
            throw e;
        }
        Submissions.append(dir, new Submission("slurm", jobId, array, dir.relativize(file).toString()));
        return new Outcome(script, indices, file, jobId, status);
    }
}
