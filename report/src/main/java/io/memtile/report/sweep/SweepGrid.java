package io.memtile.report.sweep;

import io.memtile.core.MemtileException;
import io.memtile.core.target.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses a grid expression {@code "tile=64,128,256;adcBits=4,6,8;target=paper-65nm,knowm-mss;variation=0,0.05"}
 * into the cartesian product of its axes. The axes are the rows of {@link #AXES}; a missing key
 * means the axis's default ("the target's value"). Expansion order is the table's order (values in
 * the order given), so a plan is reproducible from its grid.
 *
 * <p>Adding an axis is one row in {@link #AXES} (name, parser with its legal range, default, id
 * fragment), one field in {@link Point} and {@link SweepJob}, and its effect in
 * {@link SweepRunner#configure}.
 */
public final class SweepGrid {
    /**
     * Square tile sizes a sweep accepts. Below 2 there is no differential pair (every weight needs a
     * G+ and a G− bit line); above 4096 one tile holds 16.7 M cells, beyond any reported RRAM
     * crossbar, and the cell arrays of a measured job would no longer fit a worker's heap.
     */
    public static final int TILE_MIN = 2;
    public static final int TILE_MAX = 4096;

    /**
     * One axis: its key, how a value text becomes a value (or a one-line error), the value when the
     * grid does not name the axis, and how a value appears in a job id ("" = not at all).
     */
    public record Axis(String key, Function<String, Object> parse, Object dflt, Function<Object, String> idPart) {}

    /** The axes, in expansion order. */
    public static final List<Axis> AXES = List.of(
            new Axis("target", SweepGrid::resolveTarget, null, v -> fileSafe(Path.of((String) v).getFileName().toString().replaceAll("\\.json$", ""))),
            new Axis("tile", v -> integer("tile", v, TILE_MIN, TILE_MAX,
                    "; a tile needs at least one differential pair (2 bit lines) and at most " + TILE_MAX + "x" + TILE_MAX + " cells"), 0,
                    v -> "_t" + ((int) v == 0 ? "T" : v.toString())),
            new Axis("adcBits", v -> integer("adcBits", v, 1, 24, ""), 0, v -> "_b" + ((int) v == 0 ? "T" : v.toString())),
            new Axis("adcCycles", v -> integer("adcCycles", v, 1, 1024, ""), 0, v -> (int) v == 0 ? "" : "_c" + v),
            new Axis("variation", v -> number("variation", v, 0, 2), -1.0,
                    v -> "_v" + ((double) v < 0 ? "T" : io.memtile.report.Display.num((double) v))),
            // the model's named circuit factors (measured sweeps only): alpha amplitude in V, and one
            // attenuation per weight layer joined by '/' (e.g. 33/100); missing = the model's own
            new Axis("inputAmplitude", v -> number("inputAmplitude", v, 1e-6, 10), -1.0,
                    v -> (double) v > 0 ? "_a" + io.memtile.report.Display.num((double) v) : ""),
            new Axis("layerScales", v -> { parseScales(v); return v; }, "",
                    v -> ((String) v).isEmpty() ? "" : "_s" + ((String) v).replace('/', '-')));

    public static final List<String> KEYS = AXES.stream().map(Axis::key).toList();

    /** One grid point before it becomes a job: one value per axis, keyed by axis name. */
    public record Point(Map<String, Object> values) {
        public String target() { return (String) values.get("target"); }

        public int tile() { return (int) values.get("tile"); }

        public int adcBits() { return (int) values.get("adcBits"); }

        public int adcCycles() { return (int) values.get("adcCycles"); }

        public double variation() { return (double) values.get("variation"); }

        /** Alpha amplitude applied to the model (V), or -1 for the model's own. */
        public double inputAmplitude() { return (double) values.get("inputAmplitude"); }

        /** Per-layer attenuations applied to the model ("33/100"), or "" for the model's own. */
        public String layerScales() { return (String) values.get("layerScales"); }
    }

    private SweepGrid() {}

    public static List<Point> expand(String grid, String defaultTarget) {
        Map<String, List<String>> given = parse(grid);
        List<List<Object>> valueLists = new ArrayList<>();
        for (Axis a : AXES) {
            List<Object> vals = new ArrayList<>();
            if (given.containsKey(a.key())) {
                for (String v : given.get(a.key())) vals.add(a.parse().apply(v));
            } else {
                vals.add(a.key().equals("target") ? resolveTarget(defaultTarget) : a.dflt());
            }
            valueLists.add(vals);
        }
        List<Point> pts = new ArrayList<>();
        expandInto(valueLists, 0, new LinkedHashMap<>(), pts);
        return pts;
    }

    /** Odometer over the axes: the last axis varies fastest. */
    private static void expandInto(List<List<Object>> lists, int axis, LinkedHashMap<String, Object> acc, List<Point> out) {
        if (axis == AXES.size()) {
            out.add(new Point(Map.copyOf(acc)));
            return;
        }
        for (Object v : lists.get(axis)) {
            acc.put(AXES.get(axis).key(), v);
            expandInto(lists, axis + 1, acc, out);
        }
        acc.remove(AXES.get(axis).key());
    }

    /** "33/100" -> {33, 100}; every entry a positive number. */
    public static double[] parseScales(String s) {
        String[] parts = s.split("/");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
                if (!(out[i] > 0) || Double.isInfinite(out[i])) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                throw new MemtileException("--grid", "layerScales", "\"" + s + "\" must be positive numbers joined by '/', e.g. 33/100");
            }
        }
        return out;
    }

    static Map<String, List<String>> parse(String grid) {
        if (grid == null || grid.isBlank()) throw new MemtileException("--grid", null, "is empty; e.g. \"tile=64,128;adcBits=4,8\"");
        Map<String, List<String>> axes = new LinkedHashMap<>();
        for (String part : grid.split(";")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq < 0) throw new MemtileException("--grid", null, "axis \"" + part.trim() + "\" needs key=v1,v2,...");
            String key = part.substring(0, eq).trim();
            String canonical = KEYS.stream().filter(k -> k.equalsIgnoreCase(key)).findFirst()
                    .orElseThrow(() -> new MemtileException("--grid", null, "unknown axis \"" + key + "\" (known: " + KEYS + ")"));
            if (axes.containsKey(canonical)) throw new MemtileException("--grid", null, "axis \"" + canonical + "\" given twice");
            List<String> vals = new ArrayList<>();
            for (String v : part.substring(eq + 1).split(",")) if (!v.isBlank()) vals.add(v.trim());
            if (vals.isEmpty()) throw new MemtileException("--grid", null, "axis \"" + canonical + "\" has no values");
            axes.put(canonical, vals);
        }
        return axes;
    }

    static Object integer(String key, String v, int lo, int hi, String why) {
        try {
            int x = Integer.parseInt(v);
            if (x < lo || x > hi) throw new NumberFormatException();
            return x;
        } catch (NumberFormatException e) {
            throw new MemtileException("--grid", key, "\"" + v + "\" is not an integer in [" + lo + ", " + hi + "]" + why);
        }
    }

    static Object number(String key, String v, double lo, double hi) {
        try {
            double x = Double.parseDouble(v);
            if (!(x >= lo && x <= hi)) throw new NumberFormatException();
            return x;
        } catch (NumberFormatException e) {
            throw new MemtileException("--grid", key, "\"" + v + "\" is not a number in [" + lo + ", " + hi + "]");
        }
    }

    /** Files become absolute paths (jobs must run from any directory); bundled names stay names. */
    static String resolveTarget(String t) {
        Path p = Path.of(t);
        if (Files.exists(p)) {
            Targets.load(p.toString()); // a broken target file fails now, not in job 137 on the cluster
            return p.toAbsolutePath().normalize().toString();
        }
        Targets.load(t); // fails now, at plan time, with a clear message, rather than in job 137 on the cluster
        return t;
    }

    private static String fileSafe(String s) { return s.replaceAll("[^A-Za-z0-9._-]", "_"); }

    /** A file-name-safe readable id for a point: the id fragments of every axis, in table order. */
    static String id(Point p) {
        StringBuilder sb = new StringBuilder();
        for (Axis a : AXES) sb.append(a.idPart().apply(p.values().get(a.key())));
        return sb.toString();
    }
}
