package io.memtile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.json.Json;
import io.memtile.trainer.model.ModelArtifact;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainEvalCommandTest {
    @Test
    void trainThenEvalWithPlot(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.json");
        int rc = Main.execute("train", "--dataset", "embedded:mnist", "--train-limit", "24", "--test-limit", "10", "--epochs", "1",
                "--batch", "8", "--steps", "40", "--injection-period", "20", "--hidden", "12", "--input-amplitude", "0.5",
                "--layer-scales", "50,20", "--seed", "5", "--threads", "2", "--out", model.toString());
        assertEquals(0, rc);
        ModelArtifact m = Json.read(model, ModelArtifact.class);
        assertEquals(40, m.network().steps());
        assertEquals(0.5, m.network().inputAmplitude());
        assertEquals(20.0, m.network().layerScales()[1]);
        assertEquals(24, m.training().trainSamples());
        assertEquals(5, m.training().seed());
        assertTrue(m.training().datasetSha256().length() >= 64, m.training().datasetSha256());
        assertTrue(m.metrics().containsKey("testAccuracy"));
        assertTrue(Files.exists(dir.resolve("model.json.ckpt")));

        Path png = dir.resolve("raster.png");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            rc = Main.execute("eval", "--model", model.toString(), "--dataset", "embedded:mnist", "--limit", "10", "--plot", png.toString());
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, out);
        assertTrue(out.contains("accuracy"), out);
        assertTrue(out.contains("confusion matrix"), out);
        assertTrue(out.contains("layer 1 (12 neurons)"), out);
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void badOptionsAreUserErrors(@TempDir Path dir) {
        int rc = Main.execute("train", "--dataset", "embedded:mnist", "--layer-scales", "1,2,3", "--out", dir.resolve("m.json").toString());
        assertEquals(Main.EXIT_BAD_INPUT, rc);
        rc = Main.execute("eval", "--model", dir.resolve("missing.json").toString());
        assertEquals(Main.EXIT_BAD_INPUT, rc);
        // a negative learning rate would train towards a higher loss without complaint
        for (String[] bad : new String[][] {{"--lr", "-1e-3"}, {"--lr", "NaN"}, {"--beta1", "1"}, {"--beta2", "-0.1"},
                {"--init-scale", "1.5"}, {"--threads", "0"}, {"--train-limit", "-1"}, {"--drive-range", "0.2,0"},
                {"--drive-range", "0,0.1,0.2"}, {"--drive-range", "NaN,0.2"}, {"--drive-energy-weight", "-1"},
                {"--drive-energy-weight", "Infinity"}}) {
            rc = Main.execute("train", "--dataset", "embedded:mnist", "--epochs", "1", bad[0], bad[1], "--out", dir.resolve("m.json").toString());
            assertEquals(Main.EXIT_BAD_INPUT, rc, String.join(" ", bad));
        }
        assertTrue(!Files.exists(dir.resolve("m.json")), "a rejected train must write nothing");
    }
}
