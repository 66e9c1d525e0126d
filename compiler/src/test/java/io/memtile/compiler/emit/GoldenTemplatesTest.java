package io.memtile.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.CompileResult;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.TestTargets;
import io.memtile.core.target.Target;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfigs;
import io.memtile.trainer.model.TrainingRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden files for the programming CSV and the summary Markdown on a tiny fixed program (fixed
 * weights, fixed seed, one thread). Regenerate after an intended format change with
 * {@code -Dgolden.update=true} and review the diff.
 */
class GoldenTemplatesTest {
    static CompileResult tiny() {
        Target t = TestTargets.withStuck(TestTargets.withTile(TestTargets.paper(), 6, 8, 2), 0.08, 0.5);
        double[][][] w = {
                {{0.5, -0.25, 1.0, 0.0, -1.0}, {-0.125, 0.75, 0.3, -0.6, 0.05}, {0.9, 0.1, -0.2, 0.4, -0.45}},
                {{0.6, -0.7, 0.2}, {-0.33, 0.5, 0.95}}};
        ModelArtifact m = new ModelArtifact(1, NetworkConfigs.defaults(t, new int[] {5, 3, 2}), t, w,
                new TrainingRecord("fixed", "", 0, 0, 1, 1e-3, 0.9, 0.999, 0, 1, 1), Map.of(), null);
        return Compiler.compile(m, t, new CompileOptions(42, "pack", 8, true, true, true, true, 1, 0, "off", false));
    }

    @Test
    void tileCsvMatchesGolden() throws IOException {
        CompileResult r = tiny();
        assertGolden("tile-000.csv", ProgramIO.tileCsv(0, r.programming().pulseLogs().get(0)));
    }

    @Test
    void summaryMatchesGolden() throws IOException {
        CompileResult r = tiny();
        assertGolden("summary.md", ProgramIO.summary(r.program(), r.report()));
    }

    static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Path p = Path.of("src/test/resources/golden", name);
            Files.writeString(p, actual);
        }
        try (InputStream in = GoldenTemplatesTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) throw new AssertionError("missing golden file golden/" + name + " (run with -Dgolden.update=true)");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, name);
        }
    }
}
