package io.memtile.datasets.events.nmnist;

import io.memtile.core.MemtileException;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Split;
import io.memtile.datasets.events.EventStream;
import io.memtile.datasets.events.SparseFrames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the official N-MNIST directory layout: {@code DIR/Train/<digit>/*.bin} and
 * {@code DIR/Test/<digit>/*.bin}, digits 0..9, each file one sample ({@link NmnistFile}).
 *
 * <p>Samples are ordered by file name (then digit), so files named after the source image index,
 * as the official release and {@code memtile events convert} do, keep the image order of the source
 * set; a dataset's head(n) is then the same images as the static set's head(n).
 *
 * <p>Each sample's events are binned into {@code bins} equal frames over [first, last event] and the
 * per-(frame, channel) counts clipped at {@code clip}: the input is 2 x 34 x 34 = 2,312 channels.
 */
public final class NmnistDataset {
    public static final int CLASSES = 10;
    public static final int CHANNELS = 2 * NmnistFile.SIDE * NmnistFile.SIDE;
    /** Default frames per sample: one per alpha injection of the paper target (1,000 steps / 100). */
    public static final int DEFAULT_BINS = 10;
    /** Default count clip: two events of one polarity in one frame already saturate a pixel's drive. */
    public static final int DEFAULT_CLIP = 2;

    private NmnistDataset() {}

    /** The split's folder: {@code Train} or {@code Test}. */
    public static String folder(Split split) { return split == Split.TRAIN ? "Train" : "Test"; }

    public static Dataset load(String name, Path dir, Split split, int bins, int clip) {
        Path root = dir.resolve(folder(split));
        if (!Files.isDirectory(root)) {
            throw new MemtileException(dir.toString(), "spec", "not an N-MNIST directory: missing " + folder(split)
                    + "/<digit>/*.bin");
        }
        record Entry(String file, int digit, Path path) {}
        List<Entry> entries = new ArrayList<>();
        for (int d = 0; d < CLASSES; d++) {
            Path dd = root.resolve(Integer.toString(d));
            if (!Files.isDirectory(dd)) continue;
            try (Stream<Path> s = Files.list(dd)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (p.getFileName().toString().endsWith(".bin")) entries.add(new Entry(p.getFileName().toString(), d, p));
                }
            } catch (IOException e) {
                throw MemtileException.of(dd, null, "cannot list: " + e.getMessage());
            }
        }
        if (entries.isEmpty()) throw MemtileException.of(root, null, "no <digit>/*.bin sample files");
        entries.sort((a, b) -> {
            int c = a.file.compareTo(b.file);
            return c != 0 ? c : Integer.compare(a.digit, b.digit);
        });
        SparseFrames.Builder fb = new SparseFrames.Builder(bins, CHANNELS, clip);
        int[] labels = new int[entries.size()];
        MessageDigest md = sha();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] raw;
            try {
                raw = Files.readAllBytes(e.path);
            } catch (IOException ex) {
                throw MemtileException.of(e.path, null, "cannot read: " + ex.getMessage());
            }
            md.update(e.file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((byte) e.digit);
            md.update(raw);
            EventStream s = NmnistFile.parse(e.path.toString(), raw, e.digit);
            addBinned(s, bins, fb);
            labels[i] = e.digit;
        }
        SparseFrames frames = fb.build();
        float[] mean = new float[entries.size() * CHANNELS];
        for (int i = 0; i < entries.size(); i++) frames.meanInto(i, mean, i * CHANNELS);
        return new Dataset(name + " [" + bins + " bins, clip " + clip + "]", mean, labels, CHANNELS, CLASSES,
                HexFormat.of().formatHex(md.digest()), frames);
    }

    /** Adds one N-MNIST sample: bins split [first, last event] into equal parts. */
    static void addBinned(EventStream s, int bins, SparseFrames.Builder fb) {
        int n = s.size();
        if (n > 0) {
            long t0 = s.tUs()[0], span = s.tUs()[n - 1] - t0 + 1;
            for (int k = 0; k < n; k++) {
                int bin = (int) ((s.tUs()[k] - t0) * bins / span);
                fb.add(bin, NmnistFile.channel(s.x()[k], s.y()[k], s.polarity()[k]));
            }
        }
        fb.endSample();
    }

    static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
