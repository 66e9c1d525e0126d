package io.memtile.trainer.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class NpyImportTest {
    @TempDir
    Path tmp;

    static final Target PAPER = Targets.paper();
    static final double[][] W1 = NpyFiles.matrix(100, 784, 0.9, 1);
    static final double[][] W2 = NpyFiles.matrix(10, 100, 0.9, 2);

    private Path npz(String name, boolean compressed, Object... kv) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (byte[]) kv[i + 1]);
        Path p = tmp.resolve(name);
        NpyFiles.npz(p, m, compressed);
        return p;
    }

    private Path npy(String name, byte[] content) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static NpyImport.Options opts(boolean transpose, boolean rescale) {
        return new NpyImport.Options(transpose, rescale, false, null, null, null);
    }

    @Test
    void importsPyTorchLayoutFromCompressedNpzExactly() throws IOException {
        Path p = npz("w.npz", true, "fc1.weight", NpyFiles.npy(W1, "<f8", false), "fc2.weight", NpyFiles.npy(W2, "<f8", false));
        ModelArtifact m = NpyImport.fromFiles(p, List.of(), PAPER, NpyImport.Options.defaults());
        assertArrayEquals(new int[] {784, 100, 10}, m.network().layers());
        for (int o = 0; o < 100; o++) assertArrayEquals(W1[o], m.weights()[0][o], 0.0);
        for (int o = 0; o < 10; o++) assertArrayEquals(W2[o], m.weights()[1][o], 0.0);
        assertEquals(NetworkConfigs.defaults(PAPER, new int[] {784, 100, 10}), m.network());
        assertEquals(0, m.training().epochs());
        assertEquals("unknown", m.training().datasetSha256());
        assertTrue(m.training().dataset().contains("w.npz"));
        assertEquals(1.0, m.metrics().get("import.rescale.0"));
        assertEquals(2.0, m.metrics().get("import.layers"));
        // the artifact survives the strict JSON round trip every consumer uses
        Path out = tmp.resolve("model.json");
        Json.write(out, m);
        ModelArtifact back = Json.read(out, ModelArtifact.class);
        assertArrayEquals(m.weights()[1][3], back.weights()[1][3], 0.0);
    }

    @Test
    void float32NpyFilesAndStoredNpzAgree() throws IOException {
        Path a = npy("a.npy", NpyFiles.npy(W1, "<f4", false));
        Path b = npy("b.npy", NpyFiles.npy(W2, "<f4", false));
        ModelArtifact fromNpy = NpyImport.fromFiles(null, List.of(a, b), PAPER, NpyImport.Options.defaults());
        Path z = npz("w.npz", false, "a", Files.readAllBytes(a), "b", Files.readAllBytes(b));
        ModelArtifact fromNpz = NpyImport.fromFiles(z, null, PAPER, NpyImport.Options.defaults());
        assertEquals((double) (float) W1[42][500], fromNpy.weights()[0][42][500], 0.0);
        assertTrue(Arrays.deepEquals(fromNpy.weights(), fromNpz.weights()));
    }

    @Test
    void transposedLayoutGivesTheSameModel() throws IOException {
        Path z = npz("t.npz", true, "w0", NpyFiles.npy(NpyFiles.transpose(W1), "<f8", false),
                "w1", NpyFiles.npy(NpyFiles.transpose(W2), "<f8", false));
        ModelArtifact m = NpyImport.fromFiles(z, null, PAPER, opts(true, false));
        assertArrayEquals(new int[] {784, 100, 10}, m.network().layers());
        assertArrayEquals(W1[7], m.weights()[0][7], 0.0);
        assertEquals(1.0, m.metrics().get("import.transposed"));
        // without --transpose the chain breaks and the error says what to do
        MemtileException e = assertThrows(MemtileException.class,
                () -> NpyImport.fromFiles(z, null, PAPER, NpyImport.Options.defaults()));
        assertEquals("w1", e.field());
        assertTrue(e.getMessage().contains("--transpose"), e.getMessage());
    }

    @Test
    void fortranOrderedArraysAreReadCorrectly() throws IOException {
        Path a = npy("a.npy", NpyFiles.npy(W1, "<f8", true));
        Path b = npy("b.npy", NpyFiles.npy(W2, "<f4", true));
        ModelArtifact m = NpyImport.fromFiles(null, List.of(a, b), PAPER, NpyImport.Options.defaults());
        assertArrayEquals(W1[99], m.weights()[0][99], 0.0);
        assertEquals((double) (float) W2[9][0], m.weights()[1][9][0], 0.0);
    }

    @Test
    void readsFilesWrittenByNd4j() throws IOException {
        Path a = tmp.resolve("nd4j.npy");
        Nd4j.writeAsNumpy(Nd4j.createFromArray(W2).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT), a.toFile());
        NpyArrays.Named n = NpyArrays.readNpy(a);
        assertArrayEquals(new long[] {10, 100}, n.shape());
        assertEquals((double) (float) W2[4][77], n.values()[4][77], 0.0);
    }

    @Test
    void brokenChainNamesTheArray() throws IOException {
        Path z = npz("w.npz", false, "fc1", NpyFiles.npy(W1, "<f8", false),
                "fc2", NpyFiles.npy(NpyFiles.matrix(10, 99, 0.5, 3), "<f8", false));
        MemtileException e = assertThrows(MemtileException.class,
                () -> NpyImport.fromFiles(z, null, PAPER, NpyImport.Options.defaults()));
        assertEquals("fc2", e.field());
        assertTrue(e.getMessage().contains("99 inputs") && e.getMessage().contains("100 outputs"), e.getMessage());
        assertTrue(e.source().contains("w.npz[fc2.npy]"), e.source());
    }

    @Test
    void archiveOrderIsLayerOrder() throws IOException {
        Path z = npz("w.npz", false, "fc2", NpyFiles.npy(W2, "<f8", false), "fc1", NpyFiles.npy(W1, "<f8", false));
        MemtileException e = assertThrows(MemtileException.class,
                () -> NpyImport.fromFiles(z, null, PAPER, NpyImport.Options.defaults()));
        assertEquals("fc1", e.field(), "fc2 came first in the archive, so fc1 must chain after it");
    }

    @Test
    void nonFiniteWeightsNameArrayAndIndex() throws IOException {
        double[][] bad = NpyFiles.matrix(10, 100, 0.5, 4);
        bad[3][7] = Double.NaN;
        Path z = npz("w.npz", false, "fc1", NpyFiles.npy(W1, "<f8", false), "fc2", NpyFiles.npy(bad, "<f8", false));
        MemtileException e = assertThrows(MemtileException.class,
                () -> NpyImport.fromFiles(z, null, PAPER, NpyImport.Options.defaults()));
        assertEquals("fc2[3][7]", e.field());
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        bad[3][7] = 0;
        bad[0][1] = Double.NEGATIVE_INFINITY;
        Path t = npz("t.npz", false, "fc1", NpyFiles.npy(NpyFiles.transpose(W1), "<f8", false),
                "fc2", NpyFiles.npy(NpyFiles.transpose(bad), "<f8", false));
        MemtileException e2 = assertThrows(MemtileException.class, () -> NpyImport.fromFiles(t, null, PAPER, opts(true, false)));
        assertEquals("fc2[1][0]", e2.field(), "index in the stored [in][out] array");
    }

    @Test
    void outOfRangeIsRejectedOrRescaledWithCompensatedLayerScale() throws IOException {
        double[][] big = NpyFiles.matrix(10, 100, 0.5, 5);
        big[2][50] = -2.5;
        Path z = npz("w.npz", false, "fc1", NpyFiles.npy(W1, "<f8", false), "fc2", NpyFiles.npy(big, "<f8", false));
        MemtileException e = assertThrows(MemtileException.class,
                () -> NpyImport.fromFiles(z, null, PAPER, NpyImport.Options.defaults()));
        assertEquals("fc2[2][50]", e.field());
        assertTrue(e.getMessage().contains("--rescale"), e.getMessage());

        ModelArtifact m = NpyImport.fromFiles(z, null, PAPER, opts(false, true));
        assertEquals(-1.0, m.weights()[1][2][50], 1e-15);
        assertEquals(big[0][0] / 2.5, m.weights()[1][0][0], 1e-15);
        assertEquals(2.5, m.metrics().get("import.rescale.1"));
        assertEquals(2.5, m.metrics().get("import.maxAbs.1"));
        assertEquals(1.0, m.metrics().get("import.rescale.0"), "layers within range are untouched");
        double[] def = NetworkConfigs.defaults(PAPER, new int[] {784, 100, 10}).layerScales();
        assertEquals(def[0], m.network().layerScales()[0]);
        assertEquals(def[1] / 2.5, m.network().layerScales()[1], 1e-12, "w/k with scale/k keeps every current");
    }

    @Test
    void biasesAreRejectedUnlessIgnored() throws IOException {
        Path z = npz("w.npz", false, "fc1.weight", NpyFiles.npy(W1, "<f8", false), "fc1.bias", NpyFiles.npyVector(new double[100]),
                "fc2.weight", NpyFiles.npy(W2, "<f8", false));
        MemtileException e = assertThrows(MemtileException.class,
                () -> NpyImport.fromFiles(z, null, PAPER, NpyImport.Options.defaults()));
        assertEquals("fc1.bias", e.field());
        ModelArtifact m = NpyImport.fromFiles(z, null, PAPER, new NpyImport.Options(false, false, true, new int[] {784, 100, 10},
                "mnist/train", "abc"));
        assertEquals(1.0, m.metrics().get("import.ignoredArrays"));
        assertEquals("mnist/train", m.training().dataset());
        assertEquals("abc", m.training().datasetSha256());
    }

    @Test
    void expectedLayersAreEnforced() throws IOException {
        Path z = npz("w.npz", false, "fc1", NpyFiles.npy(W1, "<f8", false), "fc2", NpyFiles.npy(W2, "<f8", false));
        MemtileException e = assertThrows(MemtileException.class, () -> NpyImport.fromFiles(z, null, PAPER,
                new NpyImport.Options(false, false, false, new int[] {784, 200, 10}, null, null)));
        assertEquals("layers", e.field());
        assertTrue(e.getMessage().contains("784->100->10"), e.getMessage());
    }

    @Test
    void unsupportedOrDamagedFilesAreRejected() throws IOException {
        Path be = npy("be.npy", NpyFiles.npy(W2, ">f8", false));
        assertEquals("header.descr", assertThrows(MemtileException.class, () -> NpyArrays.readNpy(be)).field());
        byte[] good = NpyFiles.npy(W2, "<f8", false);
        Path cut = npy("cut.npy", Arrays.copyOf(good, good.length - 8));
        MemtileException e = assertThrows(MemtileException.class, () -> NpyArrays.readNpy(cut));
        assertEquals("data", e.field());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path notNpy = npy("x.npy", "hello world, not numpy".getBytes());
        assertEquals("header.magic", assertThrows(MemtileException.class, () -> NpyArrays.readNpy(notNpy)).field());
        Path cube = npy("c.npy", NpyFiles.npyRaw("<f4", false, "(2, 2, 2)", new byte[32]));
        assertEquals("header.shape", assertThrows(MemtileException.class, () -> NpyArrays.readNpy(cube)).field());
        Path notZip = npy("n.npz", good);
        assertThrows(MemtileException.class, () -> NpyArrays.readNpz(notZip));
    }
}
