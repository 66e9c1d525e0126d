package io.memtile.report.sweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.json.Json;
import io.memtile.report.sweep.SweepCollector;
import io.memtile.report.sweep.SweepFailure;
import io.memtile.report.sweep.SweepPlan;
import io.memtile.report.sweep.SweepPlanner;
import io.memtile.report.sweep.SweepRunner;
import io.memtile.report.sweep.SweepSpec;
import io.memtile.report.sweep.cluster.SweepStatus.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status, submission and resubmission against a scripted scheduler (the real one is .ci/slurm-test.sh). */
class SweepStatusTest {
    static final WorkerLauncher LAUNCHER = new WorkerLauncher("/usr/bin/java", "/opt/m.jar", WorkerLauncher.MAIN);
    static final WorkerResources RES = new WorkerResources("", "10", 1, "2G");

    /** A scheduler whose queue the test sets; records what was submitted. */
    static final class FakeScheduler implements Scheduler {
        final Map<String, String> states = new HashMap<>();
        final List<String> scripts = new ArrayList<>();
        boolean reachable = true;
        int next = 100;

        @Override
        public String submit(Path script) {
            try {
                scripts.add(Files.readString(script));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Integer.toString(next++);
        }

        @Override
        public Optional<Map<String, String>> taskStates(List<String> jobIds) {
            return reachable ? Optional.of(Map.copyOf(states)) : Optional.empty();
        }
    }

    static Path plan(Path dir) {
        SweepPlan p = SweepPlanner.plan(new SweepSpec("tile=64,128;adcBits=6,8", "paper-65nm", "784-100-10", null, null, 0, 1));
        return SweepPlanner.write(p, dir);
    }

    @Test
    void everyStateFromFilesAndQueue(@TempDir Path tmp) throws Exception {
        Path plan = plan(tmp);
        FakeScheduler s = new FakeScheduler();
        SweepSubmitter.Outcome first = SweepSubmitter.slurm(plan, null, RES, LAUNCHER, tmp, s, false);
        assertEquals(List.of(0, 1, 2, 3), first.indices());
        assertEquals("100", first.jobId());
        assertTrue(s.scripts.get(0).contains("#SBATCH --array=0-3\n"), s.scripts.get(0));
        assertEquals("100", Submissions.read(tmp).submissions().get(0).jobId());
        assertTrue(Files.exists(tmp.resolve("cluster/slurm-1.sh")));

        // Task 0 finished (row written, left the queue), 1 is running, 2 pending, 3 left the queue without a row.
        SweepRunner.run(plan, 0);
        s.states.put("100_1", "RUNNING");
        s.states.put("100_2", "PENDING");
        SweepStatus.Report r = SweepStatus.of(plan, s);
        assertEquals(List.of(State.DONE, State.RUNNING, State.QUEUED, State.FAILED), r.jobs().stream().map(SweepStatus.Job::state).toList());
        assertTrue(r.jobs().get(3).detail().contains("left the queue without a row"), r.jobs().get(3).detail());

        // Resubmitting sends only the failed one; running and queued ones are not sent twice.
        SweepSubmitter.Outcome second = SweepSubmitter.slurm(plan, null, RES, LAUNCHER, tmp, s, false);
        assertEquals(List.of(3), second.indices());
        assertTrue(s.scripts.get(1).contains("#SBATCH --array=3\n"), s.scripts.get(1));
        assertEquals(2, Submissions.read(tmp).submissions().size());
        s.states.put("101_3", "PENDING");
        assertEquals(State.QUEUED, SweepStatus.of(plan, s).jobs().get(3).state(), "the latest submission of an index counts");

        // A failure note from the worker is shown with its message once the task has left the queue.
        s.states.remove("101_3");
        Json.write(tmp.resolve("failures").resolve(Path.of(SweepPlanner.read(plan).jobs().get(3).output()).getFileName()),
                new SweepFailure(SweepFailure.SCHEMA_VERSION, 3, "x", "out of memory", "slurm 101_3"));
        SweepStatus.Job j3 = SweepStatus.of(plan, s).jobs().get(3);
        assertEquals(State.FAILED, j3.state());
        assertEquals("slurm 101_3: out of memory", j3.detail());

        // Without a reachable scheduler, submitted jobs without a row are "missing", not guessed failed.
        s.reachable = false;
        SweepStatus.Report blind = SweepStatus.of(plan, s);
        assertEquals(State.MISSING, blind.jobs().get(1).state());
        assertTrue(!blind.schedulerReachable());

        // Everything done: nothing to submit.
        for (int i = 1; i < 4; i++) SweepRunner.run(plan, i);
        s.reachable = true;
        s.states.clear();
        SweepSubmitter.Outcome none = SweepSubmitter.slurm(plan, null, RES, LAUNCHER, tmp, s, false);
        assertTrue(none.indices().isEmpty());
        assertNull(none.jobId());
        assertEquals(2, s.scripts.size());
        assertTrue(!Files.exists(tmp.resolve("failures").resolve(Path.of(SweepPlanner.read(plan).jobs().get(3).output()).getFileName())),
                "a job that succeeds removes its failure note");
    }

    @Test
    void aRefusedSubmissionLeavesNothingThatBlocksARetry(@TempDir Path tmp) {
        Path plan = plan(tmp);
        Scheduler refusing = new Scheduler() {
            @Override
            public String submit(Path script) {
                throw new io.memtile.core.MemtileException(script.toString(), null, "sbatch failed (exit 1): invalid partition");
            }

            @Override
            public Optional<Map<String, String>> taskStates(List<String> jobIds) { return Optional.empty(); }
        };
        org.junit.jupiter.api.Assertions.assertThrows(io.memtile.core.MemtileException.class,
                () -> SweepSubmitter.slurm(plan, null, RES, LAUNCHER, tmp, refusing, false));
        assertTrue(!Files.exists(tmp.resolve("cluster/slurm-1.sh")));
        assertTrue(Submissions.read(tmp).submissions().isEmpty());
        // A corrected (different) plan may replace it: nothing was run or submitted from the old one.
        SweepPlanner.write(SweepPlanner.plan(new SweepSpec("tile=256", "paper-65nm", "784-100-10", null, null, 0, 1)), tmp);
        assertEquals(256, SweepPlanner.read(plan).jobs().get(0).tile());
    }

    @Test
    void dryRunWritesAndSubmitsNothing(@TempDir Path tmp) throws Exception {
        Path plan = plan(tmp);
        FakeScheduler s = new FakeScheduler();
        SweepSubmitter.Outcome o = SweepSubmitter.slurm(plan, null, RES, LAUNCHER, tmp, s, true);
        assertTrue(o.script().contains("sweep run --plan '" + plan.toAbsolutePath() + "'"), o.script());
        assertTrue(s.scripts.isEmpty());
        assertTrue(!Files.exists(tmp.resolve("cluster")));
    }

    @Test
    void collectOnAPartialSweepSaysWhatIsMissing(@TempDir Path tmp) {
        Path plan = plan(tmp);
        SweepRunner.run(plan, 1);
        SweepRunner.run(plan, 2);
        SweepCollector.Collected c = SweepCollector.collectAvailable(plan);
        assertEquals(2, c.rows().size());
        assertEquals(List.of(0, 3), c.missingIndices());
        String md = SweepCollector.render(c, "md");
        assertTrue(md.contains("**Incomplete:** 2 of 4 jobs; no current row for 2: 0 (no row yet), 3 (no row yet)."), md);
        assertTrue(c.missingSummary().startsWith("2 of 4 jobs have no current row (indices [0, 3]"), c.missingSummary());
        String csv = SweepCollector.render(c, "csv");
        assertEquals(3, csv.lines().count(), "CSV stays machine-readable: header + the rows there are");
    }
}
