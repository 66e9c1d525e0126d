package io.memtile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.check.ProgramHash;
import io.memtile.compiler.emit.ProgramIO;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.json.Json;
import io.memtile.core.rng.Seeds;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.core.target.TileParams;
import io.memtile.datasets.idx.IdxWriter;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfig;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of every input format through the real CLI, in-process: model.json
 * (compile), program.json (verify, and simulate when verify accepts it), target JSON (report
 * --paper, neuron), IDX (eval --dump) and npz (import). Every outcome must be success or exactly one
 * line "memtile: error: ..." with exit 2 and no output file or temp leftover; an exception, exit 1
 * or a partial output fails the test and prints the seed and case to replay.
 *
 * <p>Runs per format: -Dmemtile.fuzz.n (default 1000); seed: -Dmemtile.fuzz.seed.
 */
class FuzzTest {
    static final int N = Integer.getInteger("memtile.fuzz.n", 1000);
    static final long SEED = Long.getLong("memtile.fuzz.seed", 20261130L);
    /** Small enough that each run takes milliseconds: a 16-4-10 network over 40 steps on 16x16 tiles. */
    static final int[] LAYERS = {16, 4, 10};
    static final int STEPS = 40;
    /** One provider: jakarta.json.Json.createX looks the provider up (ServiceLoader) on every call. */
    static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

    static PrintStream oldOut, oldErr;
    static final ByteArrayOutputStream SINK = new ByteArrayOutputStream();

    @BeforeAll
    static void quiet() {
        oldOut = System.out;
        oldErr = System.err;
        PrintStream p = new PrintStream(SINK, true, StandardCharsets.UTF_8);
        System.setOut(p);
        System.setErr(p);
    }

    @AfterAll
    static void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    static Target target() {
        Target t = Targets.paper();
        TileParams tp = t.tile();
        return t.withTile(new TileParams(16, 16, tp.cellType(), tp.technologyNm(), tp.areaMm2(), tp.wireResistanceOhm(), tp.readVoltageMax(), 0));
    }

    static ModelArtifact model() {
        Target t = target();
        ModelArtifact m = RandomModels.create(t, LAYERS, 0.8, 5);
        NetworkConfig c = m.network();
        NetworkConfig small = new NetworkConfig(c.layers(), c.integrator(), c.alphaForm(), c.inputAmplitude(), c.layerScales(),
                c.lossVoltageUnit(), c.readout(), STEPS, c.dt(), Math.min(c.injectionPeriod(), STEPS));
        return new ModelArtifact(m.schemaVersion(), small, t, m.weights(), m.training(), m.metrics(), m.hwAware());
    }

    record Outcome(int code, String err, String log) {}

    static Outcome run(String... args) {
        SINK.reset();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            code = cl.execute(args);
        } catch (Throwable t) {
            ByteArrayOutputStream trace = new ByteArrayOutputStream();
            t.printStackTrace(new PrintStream(trace, true, StandardCharsets.UTF_8));
            return new Outcome(-1, err.toString(StandardCharsets.UTF_8), trace.toString(StandardCharsets.UTF_8));
        }
        return new Outcome(code, err.toString(StandardCharsets.UTF_8), SINK.toString(StandardCharsets.UTF_8));
    }

    /** Success, or one error line with exit 2 and nothing left at {@code out} or next to it. */
    static void assertClean(Outcome o, Path out, String what) throws IOException {
        if (o.code() == 0) return;
        String ctx = what + "\nexit " + o.code() + "\nstderr: " + o.err() + "\nlog: " + tail(o.log());
        if (o.code() != 2) fail("not success and not a one-line error: " + ctx);
        String[] lines = o.err().strip().split("\n");
        if (lines.length != 1 || !lines[0].startsWith("memtile: error: ")) fail("error is not one 'memtile: error:' line: " + ctx);
        if (out != null) {
            assertTrue(!Files.exists(out), "partial output left at " + out + ": " + ctx);
            try (var s = Files.list(out.getParent())) {
                List<Path> left = s.filter(p -> p.getFileName().toString().startsWith("." + out.getFileName())).toList();
                assertEquals(List.of(), left, "temp leftovers: " + ctx);
            }
        }
    }

    static String tail(String s) { return s.length() > 3000 ? s.substring(s.length() - 3000) : s; }

    // ---------------------------------------------------------------- mutations

    static final String[] NUMBERS = {"0", "-1", "1", "2", "-0.0", "0.5", "2147483647", "2147483648", "-2147483649", "65536",
            "1e308", "-1e308", "1e-320", "1e300", "100000", "1048577", "3.5", "9223372036854775807", "1e19"};

    /** A random JSON-tree mutation (replace a value, drop a key or element, duplicate an element), or null if none applies. */
    static JsonValue mutateTree(JsonValue root, SplittableRandom r) {
        int[] count = {0};
        countNodes(root, count);
        int target = r.nextInt(count[0]);
        return rebuild(root, new int[] {target}, r);
    }

    static void countNodes(JsonValue v, int[] c) {
        c[0]++;
        if (v instanceof JsonObject o) for (JsonValue x : o.values()) countNodes(x, c);
        else if (v instanceof JsonArray a) for (JsonValue x : a) countNodes(x, c);
    }

    static JsonValue rebuild(JsonValue v, int[] k, SplittableRandom r) {
        if (k[0]-- == 0) return replacement(v, r);
        if (v instanceof JsonObject o) {
            JsonObjectBuilder b = JSON.createObjectBuilder();
            for (var e : o.entrySet()) {
                int before = k[0];
                JsonValue nv = rebuild(e.getValue(), k, r);
                if (before == 0 && r.nextInt(4) == 0) continue; // the chosen node: sometimes drop its key altogether
                b.add(e.getKey(), nv);
            }
            return b.build();
        }
        if (v instanceof JsonArray a) {
            JsonArrayBuilder b = JSON.createArrayBuilder();
            for (JsonValue x : a) {
                int before = k[0];
                JsonValue nv = rebuild(x, k, r);
                if (before == 0) {
                    int op = r.nextInt(4);
                    if (op == 0) continue;                     // delete element
                    if (op == 1) b.add(x);                     // duplicate element
                }
                b.add(nv);
            }
            return b.build();
        }
        return v;
    }

    static JsonValue replacement(JsonValue v, SplittableRandom r) {
        switch (r.nextInt(8)) {
            case 0: return JSON.createValue("x");
            case 1: return JsonValue.NULL;
            case 2: return JsonValue.TRUE;
            case 3: return JsonValue.EMPTY_JSON_ARRAY;
            case 4: return JsonValue.EMPTY_JSON_OBJECT;
            default: {
                String n = NUMBERS[r.nextInt(NUMBERS.length)];
                try (var rd = JSON.createReader(new StringReader("[" + n + "]"))) {
                    return rd.readArray().get(0);
                }
            }
        }
    }

    static byte[] mutateBytes(byte[] b, SplittableRandom r) {
        byte[] x = b.clone();
        switch (r.nextInt(6)) {
            case 0: { int n = 1 + r.nextInt(4); for (int i = 0; i < n; i++) { int p = r.nextInt(x.length); x[p] ^= (byte) (1 << r.nextInt(8)); } return x; }
            case 1: { int p = r.nextInt(x.length); x[p] = (byte) r.nextInt(256); return x; }
            case 2: return java.util.Arrays.copyOf(x, r.nextInt(x.length));
            case 3: {
                int p = r.nextInt(x.length), len = Math.min(x.length - p, 1 + r.nextInt(16));
                byte[] y = new byte[x.length - len];
                System.arraycopy(x, 0, y, 0, p);
                System.arraycopy(x, p + len, y, p, x.length - p - len);
                return y;
            }
            case 4: {
                int p = r.nextInt(x.length);
                byte[] ins = new byte[1 + r.nextInt(8)];
                for (int i = 0; i < ins.length; i++) ins[i] = (byte) r.nextInt(256);
                byte[] y = new byte[x.length + ins.length];
                System.arraycopy(x, 0, y, 0, p);
                System.arraycopy(ins, 0, y, p, ins.length);
                System.arraycopy(x, p, y, p + ins.length, x.length - p);
                return y;
            }
            default: { // overwrite a 4-byte big-endian int (IDX counts and dimensions live in those)
                if (x.length < 4) return x;
                int p = 4 * r.nextInt(Math.max(1, Math.min(x.length, 32) / 4));
                int v = switch (r.nextInt(5)) { case 0 -> 0; case 1 -> -1; case 2 -> Integer.MAX_VALUE; case 3 -> 65536; default -> r.nextInt(); };
                ByteBuffer.wrap(x).order(ByteOrder.BIG_ENDIAN).putInt(Math.min(p, x.length - 4), v);
                return x;
            }
        }
    }

    static byte[] mutateJson(byte[] json, SplittableRandom r) {
        if (r.nextInt(3) == 0) return mutateBytes(json, r);
        JsonValue tree;
        try (var rd = JSON.createReader(new StringReader(new String(json, StandardCharsets.UTF_8)))) {
            tree = rd.readValue();
        }
        return mutateTree(tree, r).toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- formats

    @Test
    void modelJson(@TempDir Path dir) throws IOException {
        byte[] base = Json.toJson(model()).getBytes(StandardCharsets.UTF_8);
        SplittableRandom r = Seeds.stream(SEED, "fuzz-model");
        Path in = dir.resolve("model.json");
        Files.write(in, base);
        Outcome b0 = run("compile", in.toString(), "--out", dir.resolve("base").toString(), "--no-tile-files", "--threads", "1", "--ideal-programming");
        assertEquals(0, b0.code(), "the unmutated model compiles: " + b0.err());
        int ok = 0;
        for (int i = 0; i < N; i++) {
            Files.write(in, mutateJson(base, r));
            Path out = dir.resolve("prog" + i);
            Outcome o = run("compile", in.toString(), "--out", out.toString(), "--no-tile-files", "--threads", "1", "--ideal-programming");
            assertClean(o, out, "model mutation " + i + " (seed " + SEED + "): " + snippet(in));
            if (o.code() == 0) { ok++; io.memtile.core.json.AtomicFiles.deleteTree(out); }
        }
        oldOut.println("fuzz model.json: " + N + " mutations, " + ok + " compiled, " + (N - ok) + " one-line errors");
    }

    @Test
    void programJson(@TempDir Path dir) throws IOException {
        ModelArtifact m = model();
        TileProgram p = Compiler.compile(m, target(), new CompileOptions(3, "pack", 16, true, true, true, false, 1)).program();
        byte[] base = Json.toJson(p).getBytes(StandardCharsets.UTF_8);
        Path idx = idxDir(dir.resolve("data"));
        SplittableRandom r = Seeds.stream(SEED, "fuzz-program");
        Path prog = dir.resolve("prog");
        Files.createDirectories(prog);
        Path in = prog.resolve(ProgramIO.PROGRAM);
        Files.write(in, base);
        Outcome b0 = run("simulate", prog.toString(), "--dataset", "idx:" + idx, "--limit", "2", "--threads", "1", "--out", dir.resolve("base.json").toString());
        assertEquals(0, b0.code(), "the unmutated program simulates: " + b0.err());
        int ok = 0, sealed = 0;
        for (int i = 0; i < N; i++) {
            byte[] mutated = mutateJson(base, r);
            // half of the mutations get a fresh content hash, so the checker (not only the hash) is exercised
            if (r.nextBoolean()) {
                try {
                    TileProgram q = Json.parse(new String(mutated, StandardCharsets.UTF_8), "fuzz", TileProgram.class);
                    mutated = Json.toJson(ProgramHash.seal(q)).getBytes(StandardCharsets.UTF_8);
                    sealed++;
                } catch (RuntimeException e) {
                    // does not bind: the raw mutation is the test case
                }
            }
            Files.write(in, mutated);
            Outcome o = run("verify", prog.toString());
            assertClean(o, null, "program mutation " + i + " (seed " + SEED + "): " + snippet(in));
            if (o.code() == 0) {
                ok++;
                Path out = dir.resolve("sim" + i + ".json");
                Outcome s = run("simulate", prog.toString(), "--dataset", "idx:" + idx, "--limit", "2", "--threads", "1", "--out", out.toString());
                assertClean(s, out, "simulate of verified program mutation " + i + " (seed " + SEED + ")");
                Files.deleteIfExists(out);
            }
        }
        oldOut.println("fuzz program.json: " + N + " mutations (" + sealed + " re-sealed), " + ok + " verified and simulated");
    }

    @Test
    void targetJson(@TempDir Path dir) throws IOException {
        byte[] base = Json.toJson(target()).getBytes(StandardCharsets.UTF_8);
        SplittableRandom r = Seeds.stream(SEED, "fuzz-target");
        Path in = dir.resolve("target.json");
        Files.write(in, base);
        Outcome b0 = run("report", "--paper", "--target", in.toString(), "--layers", "16,4,10");
        assertEquals(0, b0.code(), "the unmutated target reports: " + b0.err());
        int ok = 0;
        for (int i = 0; i < N; i++) {
            Files.write(in, mutateJson(base, r));
            Path out = dir.resolve("r" + i + ".md");
            Outcome o = i % 2 == 0
                    ? run("report", "--paper", "--target", in.toString(), "--layers", "16,4,10", "--out", out.toString())
                    : run("neuron", "--target", in.toString(), "--steps", "50");
            assertClean(o, i % 2 == 0 ? out : null, "target mutation " + i + " (seed " + SEED + "): " + snippet(in));
            if (o.code() == 0) ok++;
            Files.deleteIfExists(out);
        }
        oldOut.println("fuzz target JSON: " + N + " mutations, " + ok + " accepted");
    }

    @Test
    void idxFiles(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("model.json");
        Json.write(model, model());
        Path data = idxDir(dir.resolve("base"));
        byte[] images = Files.readAllBytes(data.resolve("t10k-images-idx3-ubyte"));
        byte[] labels = Files.readAllBytes(data.resolve("t10k-labels-idx1-ubyte"));
        SplittableRandom r = Seeds.stream(SEED, "fuzz-idx");
        Path d = dir.resolve("data");
        Files.createDirectories(d);
        Outcome b0 = run("eval", "--model", model.toString(), "--dataset", "idx:" + data, "--limit", "3", "--threads", "1");
        assertEquals(0, b0.code(), "the unmutated IDX files evaluate: " + b0.err());
        int ok = 0;
        for (int i = 0; i < N; i++) {
            boolean img = r.nextBoolean();
            Files.write(d.resolve("t10k-images-idx3-ubyte"), img ? mutateBytes(images, r) : images);
            Files.write(d.resolve("t10k-labels-idx1-ubyte"), img ? labels : mutateBytes(labels, r));
            Path out = dir.resolve("dump" + i + ".csv");
            Outcome o = run("eval", "--model", model.toString(), "--dataset", "idx:" + d, "--limit", "3", "--threads", "1", "--dump", out.toString());
            assertClean(o, out, "IDX mutation " + i + " of the " + (img ? "images" : "labels") + " (seed " + SEED + ")");
            if (o.code() == 0) ok++;
            Files.deleteIfExists(out);
        }
        oldOut.println("fuzz IDX: " + N + " mutations, " + ok + " evaluated");
    }

    @Test
    void npz(@TempDir Path dir) throws IOException {
        ModelArtifact m = model();
        byte[] base = npzBytes(m.weights());
        SplittableRandom r = Seeds.stream(SEED, "fuzz-npz");
        Path in = dir.resolve("w.npz");
        Files.write(in, base);
        Outcome b0 = run("import", "--npz", in.toString(), "--out", dir.resolve("base.json").toString(), "--rescale");
        assertEquals(0, b0.code(), "the unmutated npz imports: " + b0.err());
        int ok = 0;
        for (int i = 0; i < N; i++) {
            // mutate either the archive bytes or an array inside an intact archive (the .npy header and data)
            byte[] b = r.nextBoolean() ? mutateBytes(base, r) : npzBytes(m.weights(), r);
            Files.write(in, b);
            Path out = dir.resolve("m" + i + ".json");
            Outcome o = run("import", "--npz", in.toString(), "--out", out.toString(), "--rescale");
            assertClean(o, out, "npz mutation " + i + " (seed " + SEED + ")");
            if (o.code() == 0) ok++;
            Files.deleteIfExists(out);
        }
        oldOut.println("fuzz npz: " + N + " mutations, " + ok + " imported");
    }

    // ---------------------------------------------------------------- fixtures

    static Path idxDir(Path d) throws IOException {
        Files.createDirectories(d);
        SplittableRandom r = Seeds.stream(7, "fuzz-idx-data");
        int n = 6;
        byte[] px = new byte[n * 16];
        for (int i = 0; i < px.length; i++) px[i] = (byte) r.nextInt(256);
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) lab[i] = r.nextInt(10);
        for (String split : new String[] {"train", "t10k"}) {
            Files.write(d.resolve(split + "-images-idx3-ubyte"), IdxWriter.images(n, 4, 4, px));
            Files.write(d.resolve(split + "-labels-idx1-ubyte"), IdxWriter.labels(lab));
        }
        return d;
    }

    static byte[] npzBytes(double[][][] w) throws IOException { return npzBytes(w, null); }

    /** An .npz of the weight layers; with {@code r}, one array's .npy bytes are mutated. */
    static byte[] npzBytes(double[][][] w, SplittableRandom r) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        int victim = r == null ? -1 : r.nextInt(w.length);
        try (ZipOutputStream zip = new ZipOutputStream(bo)) {
            for (int l = 0; l < w.length; l++) {
                byte[] npy = npy(w[l]);
                if (l == victim) npy = mutateBytes(npy, r);
                zip.putNextEntry(new ZipEntry("w" + l + ".npy"));
                zip.write(npy);
                zip.closeEntry();
            }
        }
        return bo.toByteArray();
    }

    static byte[] npy(double[][] m) {
        int rows = m.length, cols = m[0].length;
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer bb = ByteBuffer.allocate(10 + header.length() + rows * cols * 8).order(ByteOrder.LITTLE_ENDIAN);
        bb.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        bb.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (double[] row : m) for (double v : row) bb.putDouble(v);
        return bb.array();
    }

    static String snippet(Path f) throws IOException {
        String s = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
