package io.memtile.report.sweep;

import io.memtile.core.MemtileException;
import io.memtile.core.progress.Progress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * All three steps locally: plan, run every job on a thread pool, collect. Exactly what a cluster
 * engine would do with {@code plan}, N × {@code run --index i}, {@code collect}, so the two give
 * the same table; a killed local run resumes because finished jobs are skipped.
 */
public final class Sweeps {
    /** @param table rendered table; @param ran jobs computed now; @param skipped jobs already done */
    public record Outcome(Path plan, String table, int ran, int skipped) {}

    private Sweeps() {}

    public static Outcome runAll(SweepSpec spec, Path dir, int threads, String format, PrintStream progress) {
        SweepPlan plan = SweepPlanner.plan(spec);
        Path planFile = SweepPlanner.write(plan, dir);
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        Progress p = progress == null ? null : new Progress("sweep", plan.jobs().size(), "jobs", progress);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> fs = new ArrayList<>();
            Path planDir = planFile.toAbsolutePath().getParent();
            ContentKeys keys = new ContentKeys();
            for (SweepJob job : plan.jobs()) {
                fs.add(pool.submit(() -> {
                    SweepRunner.Status s = SweepRunner.run(planDir, job, keys);
                    (s == SweepRunner.Status.DONE ? ran : skipped).incrementAndGet();
                    if (p != null) p.advance(1);
                }));
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof MemtileException me) throw me;
                    throw new IllegalStateException("sweep job failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        String table = SweepCollector.render(plan, SweepCollector.collect(planFile), format);
        return new Outcome(planFile, table, ran.get(), skipped.get());
    }
}
