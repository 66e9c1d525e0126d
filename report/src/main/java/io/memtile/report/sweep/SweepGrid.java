package io.memtile.report.sweep;

import io.memtile.core.MemtileException;
import io.memtile.core.target.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a grid expression {@code "tile=64,128,256;adcBits=4,6,8;target=paper-65nm,knowm-mss;variation=0,0.05"}
 * into the cartesian product of its axes. Keys: target, tile, adcBits, adcCycles, variation; a
 * missing key means "the target's value". Measured sweeps also take the model's named circuit
 * factors: inputAmplitude (alpha row-voltage amplitude, V) and layerScales (one attenuation per
 * weight layer joined by '/', e.g. {@code layerScales=33/100,10/100}); missing means "the model's".
 * Expansion order is fixed (target, tile, adcBits, adcCycles, variation, inputAmplitude,
 * layerScales; values in the order given), so a plan is reproducible from its grid.
 */
public final class SweepGrid {
    public static final List<String> KEYS = List.of("target", "tile", "adcBits", "adcCycles", "variation", "inputAmplitude", "layerScales");

    /**
     * One grid point before it becomes a job.
     *
     * @param inputAmplitude alpha amplitude applied to the model (V), or -1 for the model's own
     * @param layerScales    per-layer attenuations applied to the model ("33/100"), or "" for the model's own
     */
    public record Point(String target, int tile, int adcBits, int adcCycles, double variation, double inputAmplitude, String layerScales) {
        public Point(String target, int tile, int adcBits, int adcCycles, double variation) {
            this(target, tile, adcBits, adcCycles, variation, -1, "");
        }
    }

    private SweepGrid() {}

    public static List<Point> expand(String grid, String defaultTarget) {
        Map<String, List<String>> axes = parse(grid);
        List<String> targets = axes.getOrDefault("target", List.of(defaultTarget));
        List<Integer> tiles = ints(axes, "tile", 0, 1, 1 << 16);
        List<Integer> bits = ints(axes, "adcBits", 0, 1, 24);
        List<Integer> cycles = ints(axes, "adcCycles", 0, 1, 1024);
        List<Double> vars = doubles(axes, "variation", -1, 0, 2);
        List<Double> amps = doubles(axes, "inputAmplitude", -1, 1e-6, 10);
        List<String> scales = axes.containsKey("layerScales") ? axes.get("layerScales") : List.of("");
        for (String sc : scales) if (!sc.isEmpty()) parseScales(sc);
        List<Point> pts = new ArrayList<>();
        for (String t : targets) {
            String resolved = resolveTarget(t);
            for (int tile : tiles) for (int b : bits) for (int c : cycles) for (double v : vars) for (double a : amps) for (String sc : scales) {
                pts.add(new Point(resolved, tile, b, c, v, a, sc));
            }
        }
        return pts;
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

    private static List<Integer> ints(Map<String, List<String>> axes, String key, int dflt, int lo, int hi) {
        if (!axes.containsKey(key)) return List.of(dflt);
        List<Integer> out = new ArrayList<>();
        for (String v : axes.get(key)) {
            try {
                int x = Integer.parseInt(v);
                if (x < lo || x > hi) throw new NumberFormatException();
                out.add(x);
            } catch (NumberFormatException e) {
                throw new MemtileException("--grid", key, "\"" + v + "\" is not an integer in [" + lo + ", " + hi + "]");
            }
        }
        return out;
    }

    private static List<Double> doubles(Map<String, List<String>> axes, String key, double dflt, double lo, double hi) {
        if (!axes.containsKey(key)) return List.of(dflt);
        List<Double> out = new ArrayList<>();
        for (String v : axes.get(key)) {
            try {
                double x = Double.parseDouble(v);
                if (!(x >= lo && x <= hi)) throw new NumberFormatException();
                out.add(x);
            } catch (NumberFormatException e) {
                throw new MemtileException("--grid", key, "\"" + v + "\" is not a number in [" + lo + ", " + hi + "]");
            }
        }
        return out;
    }

    /** Files become absolute paths (jobs must run from any directory); bundled names stay names. */
    static String resolveTarget(String t) {
        Path p = Path.of(t);
        if (Files.exists(p)) return p.toAbsolutePath().normalize().toString();
        Targets.load(t); // fails now, at plan time, with a clear message, rather than in job 137 on the cluster
        return t;
    }

    /** A file-name-safe readable id for a point. */
    static String id(Point p) {
        String name = Path.of(p.target()).getFileName().toString().replaceAll("\\.json$", "");
        StringBuilder sb = new StringBuilder(name.replaceAll("[^A-Za-z0-9._-]", "_"));
        sb.append("_t").append(p.tile() == 0 ? "T" : Integer.toString(p.tile()));
        sb.append("_b").append(p.adcBits() == 0 ? "T" : Integer.toString(p.adcBits()));
        if (p.adcCycles() != 0) sb.append("_c").append(p.adcCycles());
        sb.append("_v").append(p.variation() < 0 ? "T" : String.format(Locale.ROOT, "%s", io.memtile.report.Display.num(p.variation())));
        if (p.inputAmplitude() > 0) sb.append("_a").append(io.memtile.report.Display.num(p.inputAmplitude()));
        if (!p.layerScales().isEmpty()) sb.append("_s").append(p.layerScales().replace('/', '-'));
        return sb.toString();
    }
}
