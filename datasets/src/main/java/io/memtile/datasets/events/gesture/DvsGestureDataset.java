package io.memtile.datasets.events.gesture;

import io.memtile.core.MemtileException;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Split;
import io.memtile.datasets.events.EventBinning;
import io.memtile.datasets.events.SparseFrames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Loads IBM's DvsGesture release (Amir et al. 2017): {@code DIR/trials_to_train.txt} and
 * {@code DIR/trials_to_test.txt} list AEDAT 3.1 recordings ({@code userNN_<lighting>.aedat}, see
 * {@link Aedat31}), each with {@code <name>_labels.csv} (header {@code class,startTime_usec,endTime_usec},
 * classes 1..11). Every labelled window is one sample (class - 1, 11 classes); its polarity events on
 * the 128x128 sensor are downsampled 4x to 2 x 32 x 32 = 2,048 channels and binned into {@code bins}
 * equal frames over the window [start, end).
 */
public final class DvsGestureDataset {
    public static final int CLASSES = 11;
    public static final int DOWNSAMPLE = 4;
    public static final int DEFAULT_BINS = 10;
    /** Default count clip: a 4x4 block collects many events per frame; 4 keeps hot pixels bounded. */
    public static final int DEFAULT_CLIP = 4;

    private DvsGestureDataset() {}

    public static String listFile(Split split) { return split == Split.TRAIN ? "trials_to_train.txt" : "trials_to_test.txt"; }

    public static Dataset load(String name, Path dir, Split split, int bins, int clip) {
        Path list = dir.resolve(listFile(split));
        if (!Files.isRegularFile(list)) {
            throw new MemtileException(dir.toString(), "spec", "not a DvsGesture directory: missing " + listFile(split));
        }
        List<String> trials = new ArrayList<>();
        for (String line : lines(list)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) trials.add(t);
        }
        if (trials.isEmpty()) throw MemtileException.of(list, null, "lists no recordings");
        EventBinning eb = new EventBinning(bins, DOWNSAMPLE, 0, false);
        int channels = eb.channels();
        SparseFrames.Builder fb = new SparseFrames.Builder(bins, channels, clip);
        List<Integer> labels = new ArrayList<>();
        MessageDigest md = sha();
        for (String trial : trials) {
            Path aedat = dir.resolve(trial);
            String base = trial.endsWith(".aedat") ? trial.substring(0, trial.length() - ".aedat".length()) : trial;
            Path labelsCsv = dir.resolve(base + "_labels.csv");
            long[][] windows = windows(labelsCsv);
            byte[] raw;
            try {
                raw = Files.readAllBytes(aedat);
            } catch (java.nio.file.NoSuchFileException e) {
                throw MemtileException.of(list, null, "lists " + trial + ", which does not exist in " + dir);
            } catch (IOException e) {
                throw MemtileException.of(aedat, null, "cannot read: " + e.getMessage());
            }
            md.update(trial.getBytes(StandardCharsets.UTF_8));
            md.update(raw);
            // windows are sorted and disjoint; events arrive in time order: one pass, one open window
            int[] w = {0};
            Aedat31.read(aedat.toString(), raw, EventBinning.SENSOR, (x, y, p, t) -> {
                while (w[0] < windows.length && t >= windows[w[0]][2]) {
                    fb.endSample();
                    labels.add((int) windows[w[0]][0]);
                    w[0]++;
                }
                if (w[0] < windows.length && t >= windows[w[0]][1]) {
                    long start = windows[w[0]][1], span = windows[w[0]][2] - start;
                    fb.add((int) ((t - start) * bins / span), eb.channel(x, y, p));
                }
            });
            for (; w[0] < windows.length; w[0]++) {
                fb.endSample();
                labels.add((int) windows[w[0]][0]);
            }
        }
        SparseFrames frames = fb.build();
        int n = labels.size();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = labels.get(i);
        float[] mean = new float[n * channels];
        for (int i = 0; i < n; i++) frames.meanInto(i, mean, i * channels);
        return new Dataset(name + " [" + bins + " bins, clip " + clip + "]", mean, y, channels, CLASSES,
                HexFormat.of().formatHex(md.digest()), frames);
    }

    /** Rows {class - 1, start, end} of a labels file, sorted by start, checked disjoint. */
    static long[][] windows(Path csv) {
        List<String> ls = lines(csv);
        List<long[]> out = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < ls.size(); i++) {
            String line = ls.get(i).strip();
            if (line.isEmpty()) continue;
            if (!header) {
                if (!line.replace(" ", "").equals("class,startTime_usec,endTime_usec")) {
                    throw MemtileException.of(csv, "line " + (i + 1), "expected header class,startTime_usec,endTime_usec");
                }
                header = true;
                continue;
            }
            String[] c = line.split(",");
            if (c.length != 3) throw MemtileException.of(csv, "line " + (i + 1), "expected 3 columns, found " + c.length);
            long[] r = new long[3];
            for (int k = 0; k < 3; k++) {
                try {
                    r[k] = Long.parseLong(c[k].strip());
                } catch (NumberFormatException e) {
                    throw MemtileException.of(csv, "line " + (i + 1), "'" + c[k].strip() + "' is not an integer");
                }
            }
            if (r[0] < 1 || r[0] > CLASSES) throw MemtileException.of(csv, "line " + (i + 1), "class " + r[0] + " is outside 1..11");
            if (r[2] <= r[1]) throw MemtileException.of(csv, "line " + (i + 1), "window ends before it starts");
            out.add(new long[] {r[0] - 1, r[1], r[2]});
        }
        if (!header) throw MemtileException.of(csv, null, "empty labels file");
        out.sort((a, b) -> Long.compare(a[1], b[1]));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i)[1] < out.get(i - 1)[2]) throw MemtileException.of(csv, null, "labelled windows overlap at start " + out.get(i)[1]);
        }
        return out.toArray(new long[0][]);
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw MemtileException.of(p, null, "file not found");
        } catch (IOException e) {
            throw MemtileException.of(p, null, "cannot read: " + e.getMessage());
        }
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
