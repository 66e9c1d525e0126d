package io.memtile.trainer.model;

import io.memtile.core.MemtileException;
import io.memtile.core.json.AtomicFiles;
import io.memtile.core.json.Fields;
import io.memtile.core.json.Hashing;
import io.memtile.core.json.Json;
import io.memtile.core.json.Validatable;
import io.memtile.core.json.Versioned;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The trained models shipped with memtile ({@code models/} in the repository, on the classpath as
 * {@code models/}), so a user can compile, evaluate and simulate without training first: a MODEL
 * argument that names no file but a shipped model ({@code mnist}, {@code fashion-mnist}) resolves to
 * it. The model is copied once to {@code ~/.memtile/models/} (commands hash and record model files by
 * path) after its bytes were checked against the sha256 in {@code models/index.json}.
 */
public final class ShippedModels {
    public static final String RESOURCE_DIR = "models/";
    public static final String INDEX = "index.json";

    private ShippedModels() {}

    /**
     * One shipped model.
     *
     * @param name            what a user types instead of a path
     * @param file            file under models/
     * @param dataset         dataset spec it was trained on
     * @param layers          layer widths
     * @param trainingCommand the exact command that produced it
     * @param sha256          sha256 of the file's bytes
     * @param testAccuracy    test-set accuracy (fraction) reported by that training run
     * @param testSamples     samples of that evaluation
     */
    public record Entry(String name, String file, String dataset, int[] layers, String trainingCommand, String sha256,
                        double testAccuracy, int testSamples) {}

    /** {@code models/index.json}. */
    public record Index(int schemaVersion, List<Entry> models) implements Versioned, Validatable {
        public static final int SCHEMA_VERSION = 1;

        @Override
        public void validate(Fields f) {
            f.present("models", models);
            for (int i = 0; i < models.size(); i++) {
                Entry e = models.get(i);
                Fields ef = f.index("models", i);
                ef.nonBlank("name", e.name());
                ef.nonBlank("file", e.file());
                ef.check(e.sha256() != null && e.sha256().matches("[0-9a-f]{64}"), "sha256", "must be 64 lowercase hex digits");
                ef.range("testAccuracy", e.testAccuracy(), 0, 1);
            }
        }
    }

    public static Index index() {
        return Json.parse(new String(resource(INDEX), StandardCharsets.UTF_8), "classpath:" + RESOURCE_DIR + INDEX, Index.class);
    }

    /** The shipped model called {@code name}, or null. */
    public static Entry find(String name) {
        for (Entry e : index().models()) if (e.name().equals(name)) return e;
        return null;
    }

    /**
     * {@code spec} itself when it names an existing file (or no shipped model); otherwise the local
     * copy of the shipped model of that name, extracted and hash-checked on first use.
     */
    public static Path resolve(Path spec) {
        if (spec == null || Files.exists(spec) || spec.getNameCount() != 1) return spec;
        Entry e = find(spec.toString());
        if (e == null) return spec;
        Path dir = Path.of(System.getProperty("user.home"), ".memtile", "models");
        Path local = dir.resolve(e.sha256().substring(0, 16) + "-" + e.file());
        if (Files.exists(local) && e.sha256().equals(Hashing.sha256(local))) return local;
        byte[] b = resource(e.file());
        String h = Hashing.sha256(b);
        if (!h.equals(e.sha256())) {
            throw new MemtileException("classpath:" + RESOURCE_DIR + e.file(), null, "shipped model hashes to " + h + " but models/index.json records "
                    + e.sha256() + " (a refreshed model without a refreshed index?)");
        }
        AtomicFiles.writeBytes(local, b);
        return local;
    }

    static byte[] resource(String file) {
        try (InputStream in = ShippedModels.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) throw new MemtileException("classpath:" + RESOURCE_DIR + file, null, "not shipped with this build");
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new MemtileException("classpath:" + RESOURCE_DIR + file, null, "cannot read: " + ex.getMessage());
        }
    }
}
