package io.memtile.core.output;

import io.memtile.core.MemtileException;
import io.memtile.core.json.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * The one rule every command applies to {@code --out} before it starts working: an existing path is
 * replaced only when it is a previous memtile output of the same kind, or when the user says
 * {@code --force}; an input of the same command is never replaced, not even with {@code --force}.
 *
 * <p>Why before the work: a training epoch or a whole simulation must not be lost to an output path
 * that could never have been written. Why a kind and not just "is it memtile's": {@code compile
 * --out model.json} must not turn a model into a program directory.
 *
 * <p>Directories carry a marker file ({@link #MARKER}, written by {@link AtomicFiles#writeDirectory(Path,
 * String, AtomicFiles.DirectoryFiller)}); single files are recognised by their content: JSON artifacts
 * by their schemaVersion and signature keys, text reports by a signature string, PNGs by their magic
 * number. Stale hidden temp entries of the same output left by a killed run are removed here too.
 */
public final class OutputGuard {
    /** Marker file inside every directory memtile writes: {"kind": ..., "schemaVersion": 1}. */
    public static final String MARKER = ".memtile-output";
    public static final int MARKER_SCHEMA = 1;

    private static final jakarta.json.spi.JsonProvider PROVIDER = jakarta.json.spi.JsonProvider.provider();

    private OutputGuard() {}

    /** What a command writes at {@code --out}, and how to recognise a previous output of the same kind. */
    public record Kind(String name, boolean directory, List<String> jsonKeys, List<String> textSignatures, boolean png) {
        /** A directory with a {@link #MARKER} naming this kind. */
        public static Kind directory(String name) { return new Kind(name, true, List.of(), List.of(), false); }

        /** A JSON artifact: an object with schemaVersion and all of these top-level keys. */
        public static Kind json(String name, String... keys) { return new Kind(name, false, List.of(keys), List.of(), false); }

        /** A text file whose first 8 KiB contain one of these signatures. */
        public static Kind text(String name, String... signatures) { return new Kind(name, false, List.of(), List.of(signatures), false); }

        /** A PNG image. */
        public static Kind png(String name) { return new Kind(name, false, List.of(), List.of(), true); }
    }

    /**
     * Validates {@code out} for {@code kind} before any work: refuses (MemtileException naming the
     * option) when it is an input of this command or contains one, when it exists and is not a
     * previous output of this kind (unless {@code force}), or when its parent is not a directory.
     * Also removes stale temp siblings of {@code out} left by killed runs.
     */
    public static void check(Path out, Kind kind, boolean force, String option, Path... inputs) {
        if (out == null) return;
        Path abs = canonical(out);
        String name = option + " " + out;
        for (Path in : inputs) {
            if (in == null) continue;
            Path ia = canonical(in);
            if (ia.equals(abs)) throw new MemtileException(out.toString(), null, "is also an input of this command; refusing to replace it (choose another " + option + ")");
            if (ia.startsWith(abs)) {
                throw new MemtileException(out.toString(), null, "contains the input " + in + "; refusing to replace it (choose another " + option + ")");
            }
        }
        Path parent = abs.getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new MemtileException(out.toString(), null, "cannot be written: " + parent + " is a file, not a directory");
        }
        AtomicFiles.removeStaleTemps(abs);
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) return;
        if (!kind.directory() && Files.isDirectory(abs)) {
            throw new MemtileException(out.toString(), null, "is a directory; " + name + " must name a file");
        }
        if (force) return;
        String why = recognise(abs, kind);
        if (why != null) {
            throw new MemtileException(out.toString(), null, "exists and " + why + "; refusing to replace it (choose another "
                    + option + ", or pass --force to replace it)");
        }
    }

    /** @return null when {@code p} is a previous memtile output of {@code kind}, else why not */
    static String recognise(Path p, Kind kind) {
        String what = "is not a memtile " + kind.name() + " output";
        if (kind.directory()) {
            if (!Files.isDirectory(p)) return "is a file, not a memtile " + kind.name() + " output directory";
            Path m = p.resolve(MARKER);
            if (!Files.isRegularFile(m)) return what + " (no " + MARKER + " marker)";
            String k = markerKind(m);
            if (k == null) return what + " (unreadable " + MARKER + " marker)";
            if (!k.equals(kind.name())) return "is a memtile " + k + " output, not a " + kind.name() + " output";
            return null;
        }
        if (kind.png()) {
            byte[] head = head(p, 8);
            byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
            return Arrays.equals(head, magic) ? null : what + " (not a PNG)";
        }
        String text = new String(head(p, 8192), StandardCharsets.UTF_8);
        if (!kind.jsonKeys().isEmpty()) {
            try (JsonReader r = PROVIDER.createReader(new StringReader(readAll(p)))) {
                JsonValue v = r.readValue();
                if (!(v instanceof JsonObject o) || !o.containsKey("schemaVersion")) return what;
                for (String key : kind.jsonKeys()) if (!o.containsKey(key)) return what + " (no '" + key + "' field)";
                return null;
            } catch (RuntimeException e) {
                return what + " (not JSON)";
            }
        }
        for (String s : kind.textSignatures()) if (text.contains(s)) return null;
        return what;
    }

    /** Writes the marker of {@code kind} into {@code dir} (a directory being filled). */
    public static void mark(Path dir, String kind) throws IOException {
        Files.writeString(dir.resolve(MARKER), "{\"kind\": \"" + kind + "\", \"schemaVersion\": " + MARKER_SCHEMA + "}\n", StandardCharsets.UTF_8);
    }

    private static String markerKind(Path m) {
        try (JsonReader r = PROVIDER.createReader(new StringReader(Files.readString(m, StandardCharsets.UTF_8)))) {
            JsonObject o = r.readObject();
            return o.getString("kind", null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Path canonical(Path p) {
        Path a = p.toAbsolutePath().normalize();
        try {
            return Files.exists(a) ? a.toRealPath() : realParent(a);
        } catch (IOException e) {
            return a;
        }
    }

    /** Resolves symlinks in the existing part of a path that does not exist yet. */
    private static Path realParent(Path a) throws IOException {
        Path parent = a.getParent();
        if (parent == null) return a;
        Path rp = Files.exists(parent) ? parent.toRealPath() : realParent(parent);
        return rp.resolve(a.getFileName());
    }

    private static byte[] head(Path p, int n) {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new MemtileException(p.toString(), null, "cannot read: " + e.getMessage());
        }
    }

    /** JSON outputs can be large (a model is megabytes); 256 MiB is far above any real artifact. */
    private static String readAll(Path p) {
        try {
            if (Files.size(p) > (256L << 20)) return "";
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
