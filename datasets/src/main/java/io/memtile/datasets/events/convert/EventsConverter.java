package io.memtile.datasets.events.convert;

import io.memtile.core.MemtileException;
import io.memtile.core.json.AtomicFiles;
import io.memtile.core.json.Json;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Split;
import io.memtile.datasets.events.EventStream;
import io.memtile.datasets.events.nmnist.EmbeddedEvents;
import io.memtile.datasets.events.nmnist.NmnistDataset;
import io.memtile.datasets.events.nmnist.NmnistFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * {@code memtile events convert}: writes an IDX image set (28x28) as N-MNIST-style event streams in
 * the official layout ({@code Train/<digit>/NNNNN.bin}, {@code Test/...}, file N = image index + 1) with
 * {@code conversion.json} recording every parameter and the seed. The directory appears atomically.
 */
public final class EventsConverter {
    /** Marker kind of a converted directory (OutputGuard). */
    public static final String KIND = "events";
    public static final String RECORD = "conversion.json";

    private EventsConverter() {}

    public static SaccadeParams convert(Dataset train, Dataset test, String source, SaccadeParams p, Path out, PrintStream log) {
        check(train);
        check(test);
        SaccadeSimulator sim = new SaccadeSimulator(p);
        long[] events = new long[1];
        SaccadeParams[] rec = new SaccadeParams[1];
        AtomicFiles.writeDirectory(out, KIND, tmp -> {
            write(sim, train, tmp.resolve(NmnistDataset.folder(Split.TRAIN)), 0, events, log);
            write(sim, test, tmp.resolve(NmnistDataset.folder(Split.TEST)), train.size(), events, log);
            rec[0] = p.withRecording(source, train.sha256() + "+" + test.sha256(), train.size(), test.size(),
                    (double) events[0] / (train.size() + test.size()));
            Json.write(tmp.resolve(RECORD), rec[0]);
        });
        return rec[0];
    }

    /** Writes the two splits as gzip event packs (the embedded subset's format, {@link EmbeddedEvents}). */
    public static SaccadeParams pack(Dataset train, Dataset test, String source, SaccadeParams p, Path dir) {
        check(train);
        check(test);
        SaccadeSimulator sim = new SaccadeSimulator(p);
        long events = 0;
        List<List<EventStream>> splits = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            Dataset d = s == 0 ? train : test;
            List<EventStream> l = new ArrayList<>();
            for (int i = 0; i < d.size(); i++) {
                EventStream e = sim.simulate(d.features(), i * d.dim(), d.label(i), (s == 0 ? 0 : train.size()) + i);
                events += e.size();
                l.add(e);
            }
            splits.add(l);
        }
        SaccadeParams rec = p.withRecording(source, train.sha256() + "+" + test.sha256(), train.size(), test.size(),
                (double) events / (train.size() + test.size()));
        try {
            Files.createDirectories(dir);
            for (int s = 0; s < 2; s++) {
                Split sp = s == 0 ? Split.TRAIN : Split.TEST;
                Path f = dir.resolve(sp.filePrefix() + "-events.gz");
                try (var out = new GZIPOutputStream(Files.newOutputStream(f))) {
                    out.write(EmbeddedEvents.pack(splits.get(s)));
                }
            }
            Json.write(dir.resolve(RECORD), rec);
        } catch (IOException e) {
            throw MemtileException.of(dir, null, "cannot write: " + e.getMessage());
        }
        return rec;
    }

    private static void check(Dataset d) {
        if (d.dim() != 28 * 28 || d.isEvents()) {
            throw new MemtileException(d.name(), "dim", "events convert needs 28x28 images (MNIST layout), got " + d.dim() + " features");
        }
    }

    private static void write(SaccadeSimulator sim, Dataset d, Path root, long indexBase, long[] events, PrintStream log)
            throws IOException {
        for (int c = 0; c < d.classes(); c++) Files.createDirectories(root.resolve(Integer.toString(c)));
        int width = Math.max(5, Integer.toString(d.size()).length());
        long start = System.nanoTime();
        for (int i = 0; i < d.size(); i++) {
            EventStream e = sim.simulate(d.features(), i * d.dim(), d.label(i), indexBase + i);
            events[0] += e.size();
            String name = String.format(Locale.ROOT, "%0" + width + "d.bin", i + 1);
            Files.write(root.resolve(Integer.toString(d.label(i))).resolve(name), NmnistFile.encode(e));
            if (log != null && (i + 1) % 10_000 == 0) {
                log.printf(Locale.ROOT, "%s: %d/%d samples (%.0f/s)%n", root.getFileName(), i + 1, d.size(),
                        (i + 1) / ((System.nanoTime() - start) / 1e9));
            }
        }
    }
}
