package io.memtile.report.sweep.cluster;

import io.memtile.core.MemtileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Slurm through its command-line clients: {@code sbatch --parsable} to submit, {@code squeue} for
 * tasks still queued or running, and {@code sacct} for finished ones where the cluster keeps
 * accounting (many small clusters do not; then a task that left the queue is known only by the
 * row or failure note it wrote).
 */
public final class Slurm implements Scheduler {
    private static final long TIMEOUT_S = 60;

    @Override
    public String submit(Path script) {
        Result r = exec(List.of("sbatch", "--parsable", script.toString()));
        if (r == null) throw new MemtileException("sbatch", null, "not found on PATH; this is not a Slurm submit host (use --dry-run to get the script)");
        if (r.code != 0) throw new MemtileException(script.toString(), null, "sbatch failed (exit " + r.code + "): " + firstLine(r.err.isBlank() ? r.out : r.err));
        // --parsable prints "jobid" or "jobid;cluster"
        String id = r.out.strip().split(";")[0];
        if (!id.matches("[0-9]+")) throw new MemtileException(script.toString(), null, "sbatch printed no job id: " + firstLine(r.out + r.err));
        return id;
    }

    @Override
    public Optional<Map<String, String>> taskStates(List<String> jobIds) {
        if (jobIds.isEmpty()) return Optional.of(Map.of());
        Set<String> ours = new HashSet<>(jobIds);
        Map<String, String> states = new HashMap<>();
        // Accounting first, the live queue second: for a task in both, the queue is the fresher view.
        Result acct = exec(List.of("sacct", "-n", "-P", "-X", "-o", "JobID,State", "-j", String.join(",", jobIds)));
        boolean accounting = acct != null && acct.code == 0;
        if (accounting) states.putAll(parseSacct(acct.out, ours));
        Result q = exec(List.of("squeue", "-h", "-r", "-o", "%F|%K|%T"));
        if (q == null || q.code != 0) return accounting ? Optional.of(states) : Optional.empty();
        states.putAll(parseSqueue(q.out, ours));
        return Optional.of(states);
    }

    /** {@code sacct -n -P -X -o JobID,State}: "123_4|COMPLETED", "123_5|CANCELLED by 0"; "123_[6-9]|PENDING" (not started) is skipped. */
    static Map<String, String> parseSacct(String out, Set<String> jobIds) {
        Map<String, String> states = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.strip().split("\\|");
            if (f.length < 2 || !f[0].matches("[0-9]+_[0-9]+")) continue;
            if (jobIds.contains(f[0].substring(0, f[0].indexOf('_')))) states.put(f[0], f[1].split(" ")[0]);
        }
        return states;
    }

    /** {@code squeue -h -r -o %F|%K|%T}: array job id, task index, state — one line per task thanks to -r. */
    static Map<String, String> parseSqueue(String out, Set<String> jobIds) {
        Map<String, String> states = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.strip().split("\\|");
            if (f.length == 3 && jobIds.contains(f[0]) && f[1].matches("[0-9]+")) states.put(f[0] + "_" + f[1], f[2]);
        }
        return states;
    }

    private record Result(int code, String out, String err) {}

    /** Runs a client; null when it is not installed. */
    private static Result exec(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return null;
        }
        try {
            p.getOutputStream().close();
            // Small outputs: read both fully (squeue of a big cluster is still a few MB at most).
            var outF = new java.util.concurrent.CompletableFuture<String>();
            Thread t = new Thread(() -> {
                try {
                    outF.complete(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    outF.complete("");
                }
            });
            t.setDaemon(true);
            t.start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new MemtileException(cmd.get(0), null, "did not answer within " + TIMEOUT_S + " s");
            }
            return new Result(p.exitValue(), outF.get(TIMEOUT_S, TimeUnit.SECONDS), err);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new MemtileException(cmd.get(0), null, "failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemtileException(cmd.get(0), null, "interrupted");
        }
    }

    private static String firstLine(String s) { return s.strip().lines().findFirst().orElse("(no output)"); }

    /** Whether a task in this state may still run (queued, running, held): such a job is not submitted again. */
    public static boolean active(String state) {
        return switch (state) {
            case "PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD", "RESIZING", "SUSPENDED", "RUNNING", "COMPLETING",
                 "STAGE_OUT", "SIGNALING", "STOPPED", "RESV_DEL_HOLD" -> true;
            default -> false;
        };
    }

}
