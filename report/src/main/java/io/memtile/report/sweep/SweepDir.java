package io.memtile.report.sweep;

import io.memtile.core.MemtileException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * The layout of a sweep directory and the checks that keep every write inside it:
 * {@code plan.json}, {@code jobs/} (rows), {@code sims/} (simulation cache), {@code failures/}
 * (why a job failed) and {@code cluster/} (scheduler scripts, logs, submissions).
 */
public final class SweepDir {
    public static final String FAILURES_DIR = "failures";
    public static final String SIMS_DIR = "sims";
    public static final String CLUSTER_DIR = "cluster";

    /**
     * Temp files of memtile's atomic writer ({@code .NAME.RANDOM.tmp}) older than this are left over
     * from a killed process. Writing one row or simulation takes milliseconds, so a live writer's temp
     * file is never this old, while workers of the same sweep may be writing theirs right now.
     */
    static final Duration STALE_TEMP = Duration.ofMinutes(10);

    private SweepDir() {}

    /** The file a job output names, checked to lie inside the sweep directory. */
    public static Path output(Path planDir, SweepJob job) {
        Path dir = planDir.toAbsolutePath().normalize();
        Path out = dir.resolve(job.output()).normalize();
        if (!out.startsWith(dir.resolve(SweepPlanner.JOBS_DIR))) {
            throw new MemtileException(dir.resolve(SweepPlanner.PLAN_FILE).toString(), "jobs[" + job.index() + "].output",
                    "must stay inside the sweep's jobs/ directory, got \"" + job.output() + "\"");
        }
        return out;
    }

    public static Path failure(Path planDir, SweepJob job) {
        return planDir.toAbsolutePath().normalize().resolve(FAILURES_DIR).resolve(output(planDir, job).getFileName());
    }

    /**
     * Removes temp files a killed writer left behind: those of {@code ownOutput} (this process is the
     * only writer of its own job's row) at any age, all others only once they are {@link #STALE_TEMP} old.
     */
    public static void cleanTemps(Path planDir, Path ownOutput) {
        Instant cutoff = Instant.now().minus(STALE_TEMP);
        String own = ownOutput == null ? null : "." + ownOutput.getFileName() + ".";
        for (String sub : new String[] {SweepPlanner.JOBS_DIR, SIMS_DIR, FAILURES_DIR, CLUSTER_DIR, "."}) {
            Path d = planDir.resolve(sub);
            if (!Files.isDirectory(d)) continue;
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d, ".*.tmp")) {
                for (Path p : s) {
                    if (!Files.isRegularFile(p)) continue;
                    String name = p.getFileName().toString();
                    FileTime t = Files.getLastModifiedTime(p);
                    boolean mine = own != null && name.startsWith(own) && sub.equals(SweepPlanner.JOBS_DIR);
                    if (mine || t.toInstant().isBefore(cutoff)) Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // Housekeeping only: a temp file that cannot be removed costs disk space, never correctness.
            }
        }
    }
}
