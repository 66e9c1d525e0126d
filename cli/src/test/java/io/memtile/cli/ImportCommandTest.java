package io.memtile.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memtile.core.json.Json;
import io.memtile.trainer.model.ModelArtifact;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ImportCommandTest {
    private static double[][] matrix(int rows, int cols, double bound, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int i = 0; i < cols; i++) row[i] = (r.nextDouble() * 2 - 1) * bound;
        return m;
    }

    @Test
    void importsNpyFilesAndTheModelEvaluates(@TempDir Path dir) throws Exception {
        double[][] w1 = matrix(16, 784, 0.5, 1);
        double[][] w2 = matrix(10, 16, 3.0, 2);
        Path a = dir.resolve("fc1.npy");
        Path b = dir.resolve("fc2.npy");
        Nd4j.writeAsNumpy(Nd4j.createFromArray(w1).castTo(DataType.DOUBLE), a.toFile());
        Nd4j.writeAsNumpy(Nd4j.createFromArray(w2).castTo(DataType.DOUBLE), b.toFile());
        Path model = dir.resolve("model.json");

        // |w2| up to 3 is outside a differential pair's [-1, 1]: a user error unless --rescale
        assertEquals(Main.EXIT_BAD_INPUT, Main.execute("import", "--npy", a.toString(), "--npy", b.toString(),
                "--out", model.toString()));
        assertEquals(0, Main.execute("import", "--npy", a.toString(), "--npy", b.toString(), "--rescale",
                "--layers", "784,16,10", "--target", "paper-65nm", "--out", model.toString()));
        ModelArtifact m = Json.read(model, ModelArtifact.class);
        assertArrayEquals(new int[] {784, 16, 10}, m.network().layers());
        assertArrayEquals(w1[5], m.weights()[0][5], 0.0);
        double k = m.metrics().get("import.rescale.1");
        assertEquals(w2[3][4] / k, m.weights()[1][3][4], 1e-15);
        // the imported artifact is consumable by the rest of the pipeline
        assertEquals(0, Main.execute("eval", "--model", model.toString(), "--dataset", "embedded:mnist", "--limit", "4"));
        // missing inputs and a wrong chain are user errors, not crashes
        assertEquals(Main.EXIT_BAD_INPUT, Main.execute("import", "--out", model.toString()));
        assertEquals(Main.EXIT_BAD_INPUT, Main.execute("import", "--npy", b.toString(), "--npy", a.toString(),
                "--rescale", "--out", model.toString()));
    }
}
