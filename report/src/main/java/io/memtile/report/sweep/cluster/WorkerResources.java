package io.memtile.report.sweep.cluster;

import io.memtile.core.MemtileException;
import java.util.Locale;

/**
 * What each worker (one job of the plan) asks the scheduler for.
 *
 * @param partition Slurm partition, "" = the cluster's default
 * @param time      wall-time limit in Slurm's syntax (minutes, MM:SS, HH:MM:SS, D-HH[:MM[:SS]])
 * @param cpus      CPUs per job (jobs run single-threaded; more only helps the JVM's own threads)
 * @param mem       memory per job in Slurm's syntax (e.g. 4G, 3000M; a plain number is MiB)
 */
public record WorkerResources(String partition, String time, int cpus, String mem) {
    public WorkerResources {
        if (partition == null) partition = "";
        if (!partition.isEmpty() && !partition.matches("[A-Za-z0-9._-]+")) {
            throw new MemtileException("--partition", null, "\"" + partition + "\" is not a partition name (letters, digits, . _ -)");
        }
        if (time == null || !time.matches("([0-9]+-)?[0-9]+(:[0-9]+){0,2}")) {
            throw new MemtileException("--time", null, "\"" + time + "\" is not a Slurm time limit (e.g. 30, 1:00:00, 1-12:00:00)");
        }
        if (cpus < 1 || cpus > 1024) throw new MemtileException("--cpus", null, "must be in [1, 1024], got " + cpus);
        long mib = mebibytes(mem);
        if (mib < 256) throw new MemtileException("--mem", null, "a worker JVM needs at least 256M, got \"" + mem + "\"");
    }

    /** {@code mem} in MiB. */
    public long memMiB() { return mebibytes(mem); }

    /**
     * The worker's heap: three quarters of the memory it asked for, leaving the rest to the JVM's
     * own (metaspace, thread stacks, GC) so that the scheduler's memory limit never kills a worker
     * that stays within its heap.
     */
    public String heapOption() { return "-Xmx" + (memMiB() * 3 / 4) + "m"; }

    /** Kubernetes quantity for the same amount (Mi). */
    public String memQuantity() { return memMiB() + "Mi"; }

    static long mebibytes(String mem) {
        if (mem == null || !mem.matches("[0-9]{1,9}[KMGTkmgt]?")) {
            throw new MemtileException("--mem", null, "\"" + mem + "\" is not a memory size (e.g. 4G, 3000M)");
        }
        char u = Character.toUpperCase(mem.charAt(mem.length() - 1));
        long n = Long.parseLong(Character.isDigit(u) ? mem : mem.substring(0, mem.length() - 1));
        return switch (Character.isDigit(u) ? 'M' : u) {
            case 'K' -> n / 1024;
            case 'M' -> n;
            case 'G' -> n * 1024;
            case 'T' -> n * 1024 * 1024;
            default -> throw new IllegalStateException(String.format(Locale.ROOT, "unit %c", u));
        };
    }
}
