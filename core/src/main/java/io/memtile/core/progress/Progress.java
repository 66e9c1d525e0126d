package io.memtile.core.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One-line progress for long jobs: done/total, rate and ETA, redrawn at most a few times a
 * second. On a non-terminal (CI logs) it prints a plain line every {@code plainEverySeconds}.
 */
public final class Progress {
    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private final boolean tty = System.console() != null;
    private long lastDraw;
    private long done;
    private String extra = "";

    public Progress(String label, long total, String unit, PrintStream out) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.out = out;
    }

    public synchronized void advance(long n) {
        done += n;
        long now = System.nanoTime();
        long every = tty ? 200_000_000L : 10_000_000_000L;
        if (now - lastDraw > every || done >= total) {
            lastDraw = now;
            draw(now);
        }
    }

    public synchronized void status(String extra) { this.extra = extra; }

    public double rate() {
        double secs = (System.nanoTime() - start) / 1e9;
        return secs > 0 ? done / secs : 0;
    }

    public double elapsedSeconds() { return (System.nanoTime() - start) / 1e9; }

    private void draw(long now) {
        double secs = (now - start) / 1e9;
        double rate = secs > 0 ? done / secs : 0;
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        int width = 24;
        int filled = total > 0 ? (int) Math.min(width, width * done / total) : 0;
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        String line = String.format(Locale.ROOT, "%s [%s] %d/%d %s  %.1f %s/s  ETA %s %s",
                label, bar, done, total, unit, rate, unit, formatDuration(eta), extra);
        if (tty) {
            out.print("\r" + line);
            if (done >= total) out.println();
        } else {
            out.println(line);
        }
        out.flush();
    }

    public static String formatDuration(double seconds) {
        if (!Double.isFinite(seconds)) return "--:--";
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
