package io.memtile.datasets;

import io.memtile.core.MemtileException;
import io.memtile.datasets.events.EventBins;
import io.memtile.datasets.idx.IdxReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves a dataset spec to a {@link Dataset}. Specs:
 * <ul>
 *   <li>{@code mnist}, {@code fashion-mnist}: the full dataset, searched in {@code $MEMTILE_DATA/<name>},
 *       {@code ./data/<name>}, {@code <memtile checkout>/data/<name>}, {@code ~/.memtile/data/<name>} (Fashion-MNIST also in
 *       {@code /usr/share/datasets/fashion-mnist}, where Debian's {@code dataset-fashion-mnist} puts it);
 *       {@code scripts/fetch-datasets.sh} fills {@code data/}.</li>
 *   <li>{@code idx:DIR}: a directory holding the four standard IDX file names (10 classes).</li>
 *   <li>{@code embedded:mnist}, {@code embedded:fashion-mnist} ({@code embedded} = {@code embedded:mnist}): the
 *       class-balanced subset bundled in this jar (2,000 train / 500 test), for tests and demos that must
 *       run without a download.</li>
 * </ul>
 * In every directory the files may be plain or gzip ({@code .gz} suffix optional; content decides), and
 * both the LeCun names ({@code train-images-idx3-ubyte}) and the common dotted variant
 * ({@code train-images.idx3-ubyte}) are accepted.
 */
public final class Datasets {
    /** MNIST and Fashion-MNIST both have 10 classes; {@code idx:DIR} assumes the same family. */
    public static final int IDX_CLASSES = 10;
    public static final String MNIST = "mnist";
    public static final String FASHION = "fashion-mnist";
    /** Where Debian's {@code dataset-fashion-mnist} package installs the gzipped IDX files. */
    public static final Path DEBIAN_FASHION = Path.of("/usr/share/datasets/fashion-mnist");
    /** Classpath folder of the bundled subsets: {@code embedded/<name>/<split>-images-idx3-ubyte.gz}. */
    public static final String EMBEDDED_ROOT = "embedded/";

    private static final String SPECS = "mnist | fashion-mnist | idx:DIR | embedded:mnist | embedded:fashion-mnist"
            + " | nmnist:DIR | dvs-gesture:DIR | embedded:nmnist";

    private Datasets() {}

    /** Loads {@code spec} (see class comment) for the given split. */
    public static Dataset load(String spec, Split split) {
        return load(spec, split, null);
    }

    /**
     * As {@link #load(String, Split)}, with event samples binned into {@code bins} frames (null = the layout's
     * default, 10). Bins apply to event datasets only: a static spec with bins is an error, as is bins < 1.
     */
    public static Dataset load(String spec, Split split, Integer bins) {
        return load(spec, split, bins, System.getenv(), Path.of("").toAbsolutePath(), checkout(),
                Path.of(System.getProperty("user.home")));
    }

    /** Whether {@code spec} names an event dataset (frames per sample, {@code --bins} applies). */
    public static boolean isEventSpec(String spec) {
        if (spec == null) return false;
        String s = spec.trim();
        return s.startsWith("nmnist:") || s.startsWith("dvs-gesture:") || s.equals("embedded:" + io.memtile.datasets.events.nmnist.EmbeddedEvents.NAME);
    }

    /**
     * The memtile checkout this code runs from (the directory holding {@code scripts/fetch-datasets.sh}), found by
     * walking up from the jar or classes directory, or null when running from elsewhere (e.g. an installed jar).
     * Its {@code data/} is searched too, so {@code ./memtile} finds fetched data from any working directory.
     */
    static Path checkout() {
        try {
            var cs = Datasets.class.getProtectionDomain().getCodeSource();
            if (cs == null) return null;
            for (Path p = Path.of(cs.getLocation().toURI()).toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("scripts/fetch-datasets.sh"))) return p;
            }
        } catch (Exception e) {
            // unusual class loaders (URIs that are not files): just skip this search location
        }
        return null;
    }

    /** {@link #load(String, Split)} with the search environment made explicit (for tests). */
    static Dataset load(String spec, Split split, Map<String, String> env, Path cwd, Path repo, Path home) {
        return load(spec, split, null, env, cwd, repo, home);
    }

    static Dataset load(String spec, Split split, Integer bins, Map<String, String> env, Path cwd, Path repo, Path home) {
        if (spec == null || spec.isBlank()) throw new MemtileException("dataset", "spec", "empty dataset spec; expected " + SPECS);
        if (split == null) throw new MemtileException(spec, "split", "split must be TRAIN or TEST");
        String s = spec.trim();
        if (bins != null) {
            EventBins.check(bins);
            if (!isEventSpec(s)) throw new MemtileException("--bins", null, "applies to event datasets (nmnist:DIR, dvs-gesture:DIR, embedded:nmnist), not " + s);
        }
        if (s.equals("embedded")) return loadEmbedded(MNIST, split);
        if (s.equals("embedded:" + io.memtile.datasets.events.nmnist.EmbeddedEvents.NAME)) {
            return io.memtile.datasets.events.nmnist.EmbeddedEvents.load(split, bins == null ? io.memtile.datasets.events.nmnist.NmnistDataset.DEFAULT_BINS : bins);
        }
        if (s.startsWith("nmnist:") || s.startsWith("dvs-gesture:")) return loadEvents(s, split, bins);
        if (s.startsWith("embedded:")) {
            String name = s.substring("embedded:".length()).toLowerCase(Locale.ROOT);
            if (!name.equals(MNIST) && !name.equals(FASHION)) {
                throw new MemtileException(spec, "spec", "no embedded dataset '" + name + "'; embedded subsets exist for "
                        + MNIST + " and " + FASHION);
            }
            return loadEmbedded(name, split);
        }
        if (s.startsWith("idx:")) {
            String dir = s.substring("idx:".length());
            if (dir.isEmpty()) throw new MemtileException(spec, "spec", "idx: needs a directory, e.g. idx:data/mnist");
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) throw new MemtileException(dir, "spec", "idx: directory does not exist");
            return loadDir("idx:" + dir + "/" + split.label(), d, split);
        }
        String name = s.toLowerCase(Locale.ROOT);
        if (name.equals(MNIST) || name.equals(FASHION)) {
            List<Path> searched = searchPaths(name, env, cwd, repo, home);
            for (Path dir : searched) {
                if (findPair(dir, split) != null) return loadDir(name + "/" + split.label(), dir, split);
            }
            StringBuilder sb = new StringBuilder();
            for (Path p : searched) sb.append(sb.length() == 0 ? "" : ", ").append(p);
            throw new MemtileException(spec, "spec", "dataset '" + name + "' (" + split.label() + ") not found; searched "
                    + sb + " for " + split.filePrefix() + "-images-idx3-ubyte[.gz] and " + split.filePrefix()
                    + "-labels-idx1-ubyte[.gz]. Run scripts/fetch-datasets.sh, set MEMTILE_DATA, or use embedded:" + name);
        }
        throw new MemtileException(spec, "spec", "unknown dataset spec; expected " + SPECS);
    }

    /**
     * Event-stream layouts: {@code nmnist:DIR} (official N-MNIST) and {@code dvs-gesture:DIR} (DvsGesture,
     * AEDAT 3.1), binned into {@code bins} frames (null: the default 10 per sample, one per alpha injection of the paper target).
     */
    private static Dataset loadEvents(String spec, Split split, Integer bins) {
        boolean nmnist = spec.startsWith("nmnist:");
        String dir = spec.substring(spec.indexOf(':') + 1);
        if (dir.isEmpty()) throw new MemtileException(spec, "spec", "needs a directory, e.g. " + (nmnist ? "nmnist:data/N-MNIST" : "dvs-gesture:data/DvsGesture"));
        Path d = Path.of(dir);
        if (!Files.isDirectory(d)) throw new MemtileException(dir, "spec", "event dataset directory does not exist");
        String name = (nmnist ? "nmnist:" : "dvs-gesture:") + dir + "/" + split.label();
        return nmnist
                ? io.memtile.datasets.events.nmnist.NmnistDataset.load(name, d, split,
                        bins != null ? bins : io.memtile.datasets.events.nmnist.NmnistDataset.DEFAULT_BINS, io.memtile.datasets.events.nmnist.NmnistDataset.DEFAULT_CLIP)
                : io.memtile.datasets.events.gesture.DvsGestureDataset.load(name, d, split,
                        bins != null ? bins : io.memtile.datasets.events.gesture.DvsGestureDataset.DEFAULT_BINS, io.memtile.datasets.events.gesture.DvsGestureDataset.DEFAULT_CLIP);
    }

    /**
     * Directories searched for {@code mnist} / {@code fashion-mnist}, in order: {@code $MEMTILE_DATA/<name>},
     * {@code <cwd>/data/<name>}, {@code <memtile checkout>/data/<name>} (where scripts/fetch-datasets.sh puts it),
     * {@code <home>/.memtile/data/<name>}, and for Fashion-MNIST the Debian location.
     */
    public static List<Path> searchPaths(String name, Map<String, String> env, Path cwd, Path home) {
        return searchPaths(name, env, cwd, checkout(), home);
    }

    /** As {@link #searchPaths(String, Map, Path, Path)} with the checkout given ({@code repo} may be null). */
    static List<Path> searchPaths(String name, Map<String, String> env, Path cwd, Path repo, Path home) {
        List<Path> out = new ArrayList<>();
        String root = env.get("MEMTILE_DATA");
        if (root != null && !root.isBlank()) out.add(Path.of(root).resolve(name));
        out.add(cwd.resolve("data").resolve(name));
        if (repo != null && !repo.resolve("data").resolve(name).equals(cwd.resolve("data").resolve(name))) {
            out.add(repo.resolve("data").resolve(name));
        }
        out.add(home.resolve(".memtile").resolve("data").resolve(name));
        if (name.equals(FASHION)) out.add(DEBIAN_FASHION);
        return out;
    }

    /** The image and label files of {@code split} in {@code dir}, or null if either is missing. */
    public static Path[] findPair(Path dir, Split split) {
        Path img = find(dir, split.filePrefix() + "-images", "idx3-ubyte");
        Path lab = find(dir, split.filePrefix() + "-labels", "idx1-ubyte");
        return img == null || lab == null ? null : new Path[] {img, lab};
    }

    private static Path find(Path dir, String stem, String kind) {
        for (String sep : new String[] {"-", "."}) {
            for (String suffix : new String[] {"", ".gz"}) {
                Path p = dir.resolve(stem + sep + kind + suffix);
                if (Files.isRegularFile(p)) return p;
            }
        }
        return null;
    }

    private static Dataset loadDir(String name, Path dir, Split split) {
        Path[] pair = findPair(dir, split);
        if (pair == null) {
            throw new MemtileException(dir.toString(), "spec", "missing " + split.filePrefix()
                    + "-images-idx3-ubyte[.gz] or " + split.filePrefix() + "-labels-idx1-ubyte[.gz]");
        }
        return IdxReader.load(name, pair[0], pair[1], IDX_CLASSES);
    }

    private static Dataset loadEmbedded(String name, Split split) {
        String base = EMBEDDED_ROOT + name + "/" + split.filePrefix();
        String imgRes = base + "-images-idx3-ubyte.gz";
        String labRes = base + "-labels-idx1-ubyte.gz";
        byte[] img = resource(imgRes);
        byte[] lab = resource(labRes);
        return IdxReader.assemble("embedded:" + name + "/" + split.label(), "classpath:" + imgRes, img,
                "classpath:" + labRes, lab, IDX_CLASSES);
    }

    private static byte[] resource(String path) {
        InputStream in = Datasets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new MemtileException("classpath:" + path, null,
                    "embedded dataset resource missing from the memtile-datasets jar (broken build?)");
        }
        return IdxReader.readRaw("classpath:" + path, in);
    }
}
