package io.memtile.trainer.curves;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.json.Json;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.TestModels;
import io.memtile.trainer.model.NetworkConfig;
import io.memtile.trainer.train.TrainOptions;
import io.memtile.trainer.train.Trainer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training curves: the recorded history (through the real trainer, across a resume), the drawn
 * points and the CSV/eval table against golden files, and a render smoke test. Regenerate the
 * golden files after an intended change with {@code -Dgolden.update=true} and review the diff.
 */
class CurvesTest {
    static final int[] LAYERS = {16, 6, 4};
    static final NetworkConfig NET = TestModels.config(LAYERS, "EXPONENTIAL", 2, new double[] {2, 1}, 1e-2, 80, 1e-5, 20);
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    static TrainOptions opts(Path out, int epochs, boolean resume) {
        return new TrainOptions("synthetic", NET, TestModels.paper(), epochs, 8, 3e-3, 0.9, 0.999, 17, 0.3, 1, 0, out, resume, 0);
    }

    /** Fixed curves (no training): what the golden files are drawn from. */
    static TrainingCurves fixed() {
        return new TrainingCurves(1, "model.json", "embedded:mnist", new int[] {784, 100, 10}, 32, 1e-3, 1, List.of(
                new EpochPoint(1, 1301.6302, 0.6855, 0.788, 500, new double[] {0.00041, 0.0}, 55.2),
                new EpochPoint(2, 375.054, 0.901, 0.852, 500, new double[] {0.00063, 0.00002}, 110.4),
                new EpochPoint(3, 276.145, 0.9285, 0.872, 500, new double[] {0.0008, 0.00005}, 166.0)));
    }

    @Test
    void trainerRecordsEveryEpochAndResumeContinuesTheCurves(@TempDir Path dir) {
        Dataset train = TestModels.synthetic(40, 16, 4, 1);
        Dataset test = TestModels.synthetic(12, 16, 4, 2);
        Path a = dir.resolve("a.json");
        Trainer.train(opts(a, 2, false), train, test, QUIET);
        Path b = dir.resolve("b.json");
        Trainer.train(opts(b, 1, false), train, test, QUIET);
        assertEquals(1, Json.read(CurvesFiles.json(b), TrainingCurves.class).epochs().size());
        Trainer.train(opts(b, 2, true), train, test, QUIET);
        TrainingCurves straight = Json.read(CurvesFiles.json(a), TrainingCurves.class);
        TrainingCurves resumed = Json.read(CurvesFiles.json(b), TrainingCurves.class);
        assertEquals(2, straight.epochs().size());
        assertEquals(2, resumed.epochs().size());
        for (int e = 0; e < 2; e++) {
            EpochPoint p = straight.epochs().get(e), q = resumed.epochs().get(e);
            assertEquals(e + 1, q.epoch());
            assertEquals(p.trainLoss(), q.trainLoss());
            assertEquals(p.trainAccuracy(), q.trainAccuracy());
            assertEquals(p.testAccuracy(), q.testAccuracy());
            assertArrayEquals(p.activity(), q.activity());
            assertEquals(12, q.testSamples());
            assertEquals(2, q.activity().length, "one activity figure per neuron layer");
        }
        assertNotEquals(straight.epochs().get(0).trainLoss(), straight.epochs().get(1).trainLoss(), "training moved the loss");
        assertTrue(Files.exists(CurvesFiles.png(b)) && Files.exists(CurvesFiles.csv(b)));
        // a fresh run over the same file starts the curves again
        Trainer.train(opts(b, 1, false), train, null, QUIET);
        TrainingCurves fresh = Json.read(CurvesFiles.json(b), TrainingCurves.class);
        assertEquals(1, fresh.epochs().size());
        assertEquals(-1, fresh.epochs().get(0).testAccuracy(), "no test set: recorded as -1");
        assertEquals(0, fresh.epochs().get(0).activity().length);
    }

    @Test
    void fileNamesSitNextToTheModel() {
        assertEquals(Path.of("runs/m.curves.png"), CurvesFiles.png(Path.of("runs/m.json")));
        assertEquals(Path.of("runs/m.bin.curves.csv"), CurvesFiles.csv(Path.of("runs/m.bin")));
    }

    @Test
    void plottedPointsMatchGolden() throws IOException {
        StringBuilder sb = new StringBuilder("title: " + CurvesPlot.title(fixed()) + "\n");
        for (CurvesPlot.Series s : CurvesPlot.series(fixed())) {
            sb.append(s.panel()).append(" / ").append(s.name()).append(':');
            for (int i = 0; i < s.x().length; i++) sb.append(String.format(Locale.ROOT, " (%.0f, %.6g)", s.x()[i], s.y()[i]));
            sb.append('\n');
        }
        assertGolden("curves-points.txt", sb.toString());
    }

    @Test
    void csvAndEvalTableMatchGolden() throws IOException {
        assertGolden("model.curves.csv", CurvesRecorder.csv(fixed()));
        assertGolden("curves-table.txt", CurvesRecorder.table(fixed(), Path.of("model.curves.json"), Path.of("model.curves.png")));
    }

    @Test
    void rendersAReadableImage() throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(CurvesPlot.png(fixed())));
        assertEquals(3 * CurvesPlot.PANEL_W, img.getWidth());
        assertEquals(CurvesPlot.TITLE_H + CurvesPlot.PANEL_H, img.getHeight());
        int ink = 0;
        List<Integer> colours = new ArrayList<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                if (rgb != 0xFFFFFF) ink++;
                if (colours.size() < 50 && !colours.contains(rgb)) colours.add(rgb);
            }
        }
        assertTrue(ink > 2000, "drawn pixels: " + ink);
        assertTrue(colours.size() > 5, "several colours (series, text, grid)");
    }

    static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) Files.writeString(Path.of("src/test/resources/golden", name), actual);
        try (InputStream in = CurvesTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) throw new AssertionError("missing golden file golden/" + name + " (run with -Dgolden.update=true)");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, name);
        }
    }
}
