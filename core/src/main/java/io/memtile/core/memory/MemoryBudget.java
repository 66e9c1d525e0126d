package io.memtile.core.memory;

import io.memtile.core.MemtileException;
import java.util.Locale;

/**
 * A memory estimate checked before any large allocation. Sizes that the option bounds admit can
 * still overflow an {@code int} array index or exhaust the heap minutes into a run; both used to end
 * in a stack trace. Estimates are doubles (bytes), so they never overflow themselves.
 */
public final class MemoryBudget {
    /** Largest array length every JVM accepts. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** Share of the free heap an estimate may claim: the rest is for what the estimate leaves out. */
    static final double USABLE = 0.9;

    private MemoryBudget() {}

    /** Heap the JVM may still allocate: -Xmx minus what is in use now. */
    public static long availableBytes() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /**
     * Refuses with one line naming {@code option}, the estimate and the heap when {@code bytes}
     * would not fit in the free heap.
     *
     * @param option the option (or file/field) the user changes to shrink the job, e.g. "--layers"
     * @param what   what the memory is for, e.g. "784-1048576-10 training (weights, Adam moments, BPTT tape)"
     */
    public static void require(String option, double bytes, String what) {
        require(option, bytes, what, availableBytes());
    }

    static void require(String option, double bytes, String what, long available) {
        if (bytes <= USABLE * available) return;
        throw new MemtileException(option, null, String.format(Locale.ROOT,
                "%s needs about %s, but the Java heap (-Xmx %s) has %s free; choose a smaller %s or raise -Xmx (MEMTILE_JAVA_OPTS=-Xmx...)",
                what, human(bytes), human(Runtime.getRuntime().maxMemory()), human(available), option));
    }

    /** Refuses when one array would need more than {@link #MAX_ARRAY} elements. */
    public static void requireArrayLength(String option, double elements, String what) {
        if (elements <= MAX_ARRAY) return;
        throw new MemtileException(option, null, String.format(Locale.ROOT,
                "%s needs an array of %.4g elements, more than the %d a Java array can hold", what, elements, MAX_ARRAY));
    }

    /** 1536 -> "1.5 KiB", locale-independent. */
    public static String human(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        double b = bytes;
        while (b >= 1024 && u < units.length - 1) { b /= 1024; u++; }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", b, units[u]);
    }
}
