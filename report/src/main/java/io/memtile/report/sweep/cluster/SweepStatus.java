package io.memtile.report.sweep.cluster;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.report.sweep.ContentKeys;
import io.memtile.report.sweep.SweepDir;
import io.memtile.report.sweep.SweepFailure;
import io.memtile.report.sweep.SweepJob;
import io.memtile.report.sweep.SweepPlan;
import io.memtile.report.sweep.SweepPlanner;
import io.memtile.report.sweep.SweepRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each job of a sweep stands, from the sweep directory (rows, failure notes, submissions)
 * and, where it can be asked, the scheduler. The scheduler is asked <em>before</em> the files are
 * read: a task that finishes between the two looks is then seen as done, never as "left the queue
 * without a row".
 */
public final class SweepStatus {
    /** A job's state. QUEUED and RUNNING come only from a scheduler. */
    public enum State {
        DONE, QUEUED, RUNNING, FAILED, MISSING;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** @param detail why (failure message, scheduler state, "stale"), "" when there is nothing to add */
    public record Job(int index, String id, State state, String detail) {}

    /** @param schedulerReachable false when submissions exist but the scheduler could not be asked */
    public record Report(Path planFile, List<Job> jobs, boolean schedulerReachable, int submissions) {
        public List<Integer> indices(State... states) {
            List<Integer> out = new ArrayList<>();
            for (Job j : jobs) for (State s : states) if (j.state() == s) out.add(j.index());
            return out;
        }

        public Map<State, Integer> counts() {
            Map<State, Integer> m = new EnumMap<>(State.class);
            for (State s : State.values()) m.put(s, 0);
            for (Job j : jobs) m.merge(j.state(), 1, Integer::sum);
            return m;
        }

        /** Jobs a (re)submission should send: never submitted, failed, or lost. */
        public List<Integer> toSubmit() { return indices(State.MISSING, State.FAILED); }
    }

    private SweepStatus() {}

    /** The status text ({@code templates/sweep/status.txt.vm}): counts, then the jobs that are not done (all with {@code all}). */
    public static String render(Report r, boolean all) {
        List<Job> jobs = all ? r.jobs() : r.jobs().stream().filter(j -> j.state() != State.DONE).toList();
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("r", r);
        ctx.put("counts", r.counts());
        ctx.put("jobs", jobs);
        ctx.put("all", all);
        ctx.put("reachable", r.schedulerReachable());
        for (State s : State.values()) ctx.put(s.name(), s);
        return io.memtile.core.render.Templates.render("sweep/status.txt.vm", ctx);
    }

    public static Report of(Path planFile, Scheduler scheduler) {
        SweepPlan plan = SweepPlanner.read(planFile);
        Path dir = planFile.toAbsolutePath().normalize().getParent();
        List<Submission> subs = Submissions.read(dir).submissions();
        // Latest submission of each index.
        Map<Integer, Submission> latest = new HashMap<>();
        for (Submission s : subs) for (int i : IndexRanges.parse(s.indices())) latest.put(i, s);
        Optional<Map<String, String>> states = Optional.of(Map.of());
        if (!subs.isEmpty()) {
            List<String> ids = subs.stream().map(Submission::jobId).distinct().toList();
            states = scheduler == null ? Optional.empty() : scheduler.taskStates(ids);
        }
        ContentKeys keys = new ContentKeys();
        List<Job> jobs = new ArrayList<>();
        for (SweepJob job : plan.jobs()) jobs.add(judge(dir, job, latest.get(job.index()), states, keys));
        return new Report(planFile, jobs, subs.isEmpty() || states.isPresent(), subs.size());
    }

    private static Job judge(Path dir, SweepJob job, Submission sub, Optional<Map<String, String>> states, ContentKeys keys) {
        String schedState = sub == null || states.isEmpty() ? null : states.get().get(sub.jobId() + "_" + job.index());
        Path out = SweepDir.output(dir, job);
        if (Files.exists(out)) {
            String why = SweepRunner.rowProblem(out, job, keys);
            if (why == null) return new Job(job.index(), job.id(), State.DONE, "");
            if (schedState == null || !Slurm.active(schedState)) return new Job(job.index(), job.id(), State.MISSING, why);
        }
        if (schedState != null && Slurm.active(schedState)) {
            State s = schedState.equals("RUNNING") || schedState.equals("COMPLETING") ? State.RUNNING : State.QUEUED;
            return new Job(job.index(), job.id(), s, "slurm " + sub.jobId() + "_" + job.index() + " " + schedState);
        }
        Path failure = SweepDir.failure(dir, job);
        if (Files.exists(failure)) {
            try {
                SweepFailure f = Json.read(failure, SweepFailure.class);
                return new Job(job.index(), job.id(), State.FAILED, f.worker() + ": " + f.message());
            } catch (MemtileException e) {
                return new Job(job.index(), job.id(), State.FAILED, "unreadable failure note " + failure.getFileName());
            }
        }
        if (sub != null) {
            String task = "slurm " + sub.jobId() + "_" + job.index();
            if (schedState != null) return new Job(job.index(), job.id(), State.FAILED, task + " " + schedState + " without a row");
            if (states.isPresent()) {
                return new Job(job.index(), job.id(), State.FAILED, task + " left the queue without a row (see "
                        + SweepDir.CLUSTER_DIR + "/logs/" + sub.jobId() + "_" + job.index() + ".out)");
            }
            return new Job(job.index(), job.id(), State.MISSING, "submitted as " + task + "; scheduler not reachable");
        }
        return new Job(job.index(), job.id(), State.MISSING, "");
    }
}
