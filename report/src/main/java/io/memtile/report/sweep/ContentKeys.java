package io.memtile.report.sweep;

import io.memtile.core.json.Hashing;
import io.memtile.core.json.Json;
import io.memtile.core.target.Target;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys of the sweep's caches (simulation results in {@code sims/}, finished rows in {@code jobs/})
 * made from the <em>content</em> of a job's inputs — the model file's bytes, the configured target,
 * the dataset's samples — never from their paths. A model retrained in place, a target file edited
 * in place or a dataset directory refilled therefore misses the cache instead of reusing stale
 * results, while the same model under another path still hits it.
 *
 * <p>One instance memoises the hashes of one process's look-ups (a status over 1,000 jobs hashes
 * the model and dataset once, not 1,000 times); files are assumed not to change during a command.
 */
public final class ContentKeys {
    private final Map<String, String> models = new ConcurrentHashMap<>();
    private final Map<String, String> datasets = new ConcurrentHashMap<>();

    /** SHA-256 of the model file's bytes. */
    public String model(String path) {
        return models.computeIfAbsent(Path.of(path).toAbsolutePath().normalize().toString(), p -> {
            if (!java.nio.file.Files.isRegularFile(Path.of(p))) {
                throw new io.memtile.core.MemtileException(p, null, "model file not found (the plan names it; was it moved or deleted after planning?)");
            }
            return Hashing.sha256(Path.of(p));
        });
    }

    /**
     * SHA-256 over the test split's samples as the simulator sees them (features and labels). The
     * dataset's own provenance hash is not enough: a subset carries the hash of its source.
     */
    public String dataset(String spec) {
        return datasets.computeIfAbsent(spec, s -> {
            Dataset d = Datasets.load(s, Split.TEST);
            ByteBuffer b = ByteBuffer.allocate(16 + 4 * d.features().length + 4 * d.labels().length).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(d.size()).putInt(d.dim()).putInt(d.classes()).putInt(0);
            for (float f : d.features()) b.putFloat(f);
            for (int l : d.labels()) b.putInt(l);
            return Hashing.sha256(b.array());
        });
    }

    /** SHA-256 of a target's canonical JSON (after the job's tile and variation were applied). */
    public static String target(Target t) { return Hashing.sha256(Json.toJson(t).getBytes(StandardCharsets.UTF_8)); }

    /** Everything that determines a job's simulation (and nothing that only changes its costing, such as ADC bits). */
    public String simulation(SweepJob j, Target configured) {
        return shortHash("sim|" + target(configured) + "|" + model(j.model()) + "|" + dataset(j.dataset()) + "|" + j.seed() + "|" + j.samples()
                + circuitFactors(j));
    }

    /** The model's circuit factors a job overrides ("" when it keeps the model's own). */
    public static String circuitFactors(SweepJob j) {
        return j.changesModel() ? "|a" + j.inputAmplitude() + "|s" + j.layerScales() : "";
    }

    /** Everything that determines a job's row: the job itself plus the content behind its paths. */
    public String row(SweepJob j, Target configured) {
        String k = "row|" + Json.toJson(j) + "|" + target(configured);
        if (j.measured()) k += "|" + model(j.model()) + "|" + dataset(j.dataset());
        return Hashing.sha256(k.getBytes(StandardCharsets.UTF_8));
    }

    private static String shortHash(String s) { return Hashing.sha256(s.getBytes(StandardCharsets.UTF_8)).substring(0, 24); }
}
