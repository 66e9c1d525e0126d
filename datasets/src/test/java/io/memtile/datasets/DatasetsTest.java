package io.memtile.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.MemtileException;
import io.memtile.datasets.idx.IdxWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path tmp;

    /** Writes a tiny 2-sample split with the given file-name separator and compression. */
    private static void writeSplit(Path dir, Split split, String sep, boolean gz, int firstLabel) throws IOException {
        Files.createDirectories(dir);
        byte[] img = IdxWriter.images(2, 28, 28, new byte[2 * 784]);
        byte[] lab = IdxWriter.labels(new int[] {firstLabel, 3});
        String suffix = gz ? ".gz" : "";
        Files.write(dir.resolve(split.filePrefix() + "-images" + sep + "idx3-ubyte" + suffix), gz ? IdxWriter.gzip(img) : img);
        Files.write(dir.resolve(split.filePrefix() + "-labels" + sep + "idx1-ubyte" + suffix), gz ? IdxWriter.gzip(lab) : lab);
    }

    @Test
    void embeddedSubsetsAreBalancedAndDistinct() {
        Dataset train = Datasets.load("embedded", Split.TRAIN);
        Dataset test = Datasets.load("embedded:mnist", Split.TEST);
        Dataset fashion = Datasets.load("embedded:fashion-mnist", Split.TRAIN);
        assertEquals(2000, train.size());
        assertEquals(500, test.size());
        assertEquals(2000, fashion.size());
        assertEquals(784, train.dim());
        assertEquals("embedded:mnist/train", train.name());
        int[] counts = new int[10];
        for (int l : train.labels()) counts[l]++;
        for (int c : counts) assertEquals(200, c);
        for (float v : fashion.features()) assertTrue(v >= 0f && v <= 1f);
        assertNotEquals(train.sha256(), fashion.sha256());
        assertEquals(train.sha256(), Datasets.load("embedded:mnist", Split.TRAIN).sha256(), "deterministic");
        // MNIST digits are mostly background: mean intensity ~0.13; Fashion-MNIST ~0.29
        assertTrue(mean(train.features()) > 0.08 && mean(train.features()) < 0.2, "mnist mean " + mean(train.features()));
        assertTrue(mean(fashion.features()) > 0.2, "fashion mean " + mean(fashion.features()));
    }

    private static double mean(float[] f) {
        double s = 0;
        for (float v : f) s += v;
        return s / f.length;
    }

    @Test
    void idxDirectoryAcceptsGzAndDottedNames() throws IOException {
        writeSplit(tmp.resolve("a"), Split.TRAIN, "-", true, 7);
        writeSplit(tmp.resolve("a"), Split.TEST, ".", false, 8);
        Dataset train = Datasets.load("idx:" + tmp.resolve("a"), Split.TRAIN);
        Dataset test = Datasets.load("idx:" + tmp.resolve("a"), Split.TEST);
        assertArrayEquals(new int[] {7, 3}, train.labels());
        assertArrayEquals(new int[] {8, 3}, test.labels());
        assertEquals("idx:" + tmp.resolve("a") + "/train", train.name());
    }

    @Test
    void idxDirectoryWithoutFilesSaysWhatIsMissing() throws IOException {
        Files.createDirectories(tmp.resolve("empty"));
        MemtileException e = assertThrows(MemtileException.class, () -> Datasets.load("idx:" + tmp.resolve("empty"), Split.TEST));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
        assertThrows(MemtileException.class, () -> Datasets.load("idx:" + tmp.resolve("absent"), Split.TEST));
    }

    @Test
    void namedDatasetIsFoundInSearchOrder() throws IOException {
        Path env = tmp.resolve("env");
        Path cwd = tmp.resolve("cwd");
        Path home = tmp.resolve("home");
        writeSplit(cwd.resolve("data/mnist"), Split.TRAIN, "-", false, 1);
        writeSplit(home.resolve(".memtile/data/mnist"), Split.TRAIN, "-", false, 2);
        Dataset d = Datasets.load("mnist", Split.TRAIN, Map.of("MEMTILE_DATA", env.toString()), cwd, null, home);
        assertEquals(1, d.label(0), "./data wins over ~/.memtile/data");
        assertEquals("mnist/train", d.name());
        writeSplit(env.resolve("mnist"), Split.TRAIN, "-", true, 0);
        d = Datasets.load("mnist", Split.TRAIN, Map.of("MEMTILE_DATA", env.toString()), cwd, null, home);
        assertEquals(0, d.label(0), "$MEMTILE_DATA wins");
    }

    @Test
    void missingDatasetListsSearchedPathsAndFetchScript() {
        Path cwd = tmp.resolve("cwd");
        Path home = tmp.resolve("home");
        MemtileException e = assertThrows(MemtileException.class,
                () -> Datasets.load("mnist", Split.TEST, Map.of(), cwd, null, home));
        assertTrue(e.getMessage().contains(cwd.resolve("data/mnist").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(home.resolve(".memtile/data/mnist").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/fetch-datasets.sh"), e.getMessage());
    }

    @Test
    void searchPathsIncludeDebianLocationForFashionOnly() {
        Path cwd = Path.of("/w");
        Path home = Path.of("/h");
        List<Path> f = Datasets.searchPaths("fashion-mnist", Map.of("MEMTILE_DATA", "/d"), cwd, Path.of("/r"), home);
        assertEquals(List.of(Path.of("/d/fashion-mnist"), Path.of("/w/data/fashion-mnist"), Path.of("/r/data/fashion-mnist"),
                Path.of("/h/.memtile/data/fashion-mnist"), Datasets.DEBIAN_FASHION), f);
        assertEquals(List.of(Path.of("/w/data/mnist"), Path.of("/h/.memtile/data/mnist")),
                Datasets.searchPaths("mnist", Map.of(), cwd, null, home));
    }

    @Test
    void checkoutIsFoundFromTheBuildDirectory() {
        // tests run from datasets/target/test-classes inside the checkout, which holds scripts/fetch-datasets.sh
        Path repo = Datasets.checkout();
        assertTrue(repo != null && Files.isRegularFile(repo.resolve("scripts/fetch-datasets.sh")), "checkout " + repo);
        assertTrue(Datasets.searchPaths("mnist", Map.of(), Path.of("/w"), Path.of("/h")).contains(repo.resolve("data/mnist")));
    }

    @Test
    void unknownSpecsAreRejected() {
        MemtileException e = assertThrows(MemtileException.class, () -> Datasets.load("cifar10", Split.TRAIN));
        assertEquals("spec", e.field());
        assertTrue(e.getMessage().contains("embedded:fashion-mnist"), e.getMessage());
        assertThrows(MemtileException.class, () -> Datasets.load("embedded:cifar", Split.TRAIN));
        assertThrows(MemtileException.class, () -> Datasets.load("idx:", Split.TRAIN));
        assertThrows(MemtileException.class, () -> Datasets.load(" ", Split.TRAIN));
    }
}
