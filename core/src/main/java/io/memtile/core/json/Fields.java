package io.memtile.core.json;

import io.memtile.core.MemtileException;

/**
 * Range checks that name the offending field with its full dotted path ("neuron.m1.rOn"), so
 * that every validation error is one line pointing at one number in one file.
 */
public final class Fields {
    private final String source;
    private final String prefix;

    public Fields(String source, String prefix) {
        this.source = source;
        this.prefix = prefix == null ? "" : prefix;
    }

    public static Fields root(String source) { return new Fields(source, ""); }

    public Fields sub(String name) { return new Fields(source, path(name)); }

    public Fields index(String name, int i) { return new Fields(source, path(name) + "[" + i + "]"); }

    public String path(String name) { return prefix.isEmpty() ? name : prefix + "." + name; }

    public String source() { return source; }

    public MemtileException error(String name, String message) {
        return new MemtileException(source, path(name), message);
    }

    public double finite(String name, double v) {
        if (!Double.isFinite(v)) throw error(name, "must be a finite number, got " + v);
        return v;
    }

    public double positive(String name, double v) {
        finite(name, v);
        if (!(v > 0)) throw error(name, "must be > 0, got " + v);
        return v;
    }

    public double nonNegative(String name, double v) {
        finite(name, v);
        if (v < 0) throw error(name, "must be >= 0, got " + v);
        return v;
    }

    public double range(String name, double v, double lo, double hi) {
        finite(name, v);
        if (v < lo || v > hi) throw error(name, "must be in [" + lo + ", " + hi + "], got " + v);
        return v;
    }

    public int positive(String name, int v) {
        if (v <= 0) throw error(name, "must be a positive integer, got " + v);
        return v;
    }

    public int range(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) throw error(name, "must be in [" + lo + ", " + hi + "], got " + v);
        return v;
    }

    public <T> T present(String name, T v) {
        if (v == null) throw error(name, "is missing");
        return v;
    }

    public String nonBlank(String name, String v) {
        if (v == null || v.isBlank()) throw error(name, "must be a non-empty string");
        return v;
    }

    public void check(boolean ok, String name, String message) {
        if (!ok) throw error(name, message);
    }
}
