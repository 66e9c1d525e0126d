package io.memtile.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.target.Targets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every template against a checked-in golden file, byte for byte. Embedded PNGs depend on the
 * machine's fonts, so they are replaced by a marker before the comparison and checked separately
 * (they must decode as images of the expected size). Regenerate after an intended change with
 * {@code mvn -pl report test -Dgolden.update=true} and review the diff.
 */
class GoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final Pattern PNG = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)");

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void paperMode(ReportFormat f) throws IOException {
        check("paper-65nm." + ext(f), ReportRenderer.render(PaperPpa.compute(Targets.paper(), PaperPpaTest.PAPER), f));
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void measuredMode(ReportFormat f) throws IOException {
        check("measured-fixture." + ext(f), ReportRenderer.render(MeasuredPpa.compute(SimFixtures.paper784(), Targets.paper()), f));
    }

    /** The measured report with a Pareto front over fixed sweep points (plot and front table). */
    @ParameterizedTest
    @EnumSource(value = ReportFormat.class, names = {"MD", "HTML"})
    void measuredWithPareto(ReportFormat f) throws IOException {
        var front = io.memtile.report.pareto.ParetoFront.of(java.util.List.of(
                new io.memtile.report.pareto.ParetoFront.Point("a0.1_s33", 0.95, 26e-6),
                new io.memtile.report.pareto.ParetoFront.Point("a0.03_s33", 0.80, 2.5e-6),
                new io.memtile.report.pareto.ParetoFront.Point("a0.03_s10", 0.95, 2.6e-6),
                new io.memtile.report.pareto.ParetoFront.Point("a0.05_s33", 0.90, 6.0e-6),
                new io.memtile.report.pareto.ParetoFront.Point("a0.01_s3.3", 0.94, 0.4e-6)));
        check("measured-pareto." + ext(f), ReportRenderer.render(MeasuredPpa.compute(SimFixtures.paper784(), Targets.paper()).withPareto(front), f));
    }

    @ParameterizedTest
    @EnumSource(value = ReportFormat.class, names = {"MD", "CSV"})
    void knowmPaperMode(ReportFormat f) throws IOException {
        check("knowm-mss." + ext(f), ReportRenderer.render(PaperPpa.compute(Targets.load("knowm-mss"), PaperPpaTest.PAPER), f));
    }

    static String ext(ReportFormat f) { return f.name().toLowerCase(java.util.Locale.ROOT); }

    static void check(String name, String actual) throws IOException {
        // Full output (with images) for a human look: target/golden-preview/<name>.
        Path preview = Path.of("target/golden-preview").resolve(name);
        Files.createDirectories(preview.getParent());
        Files.writeString(preview, actual, StandardCharsets.UTF_8);
        Matcher m = PNG.matcher(actual);
        int images = 0;
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertTrue(img != null && img.getWidth() == 900 && img.getHeight() >= 300, "embedded image " + images + " of " + name);
            images++;
        }
        String normalised = m.replaceAll("data:image/png;base64,(image)");
        if (name.endsWith(".tex")) {
            // pdflatex without extra packages reads ASCII only: every symbol must have been spelt as a macro.
            assertTrue(normalised.chars().allMatch(ch -> ch < 128), name + " contains non-ASCII characters");
        }
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, normalised, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), "missing golden file " + file + " (run with -Dgolden.update=true)");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), normalised, "output differs from " + file);
        if (name.endsWith(".html")) assertTrue(images >= (name.startsWith("measured") ? 4 : 2), name + " has " + images + " plots");
        if (name.startsWith("measured-pareto")) assertTrue(normalised.contains("Pareto front") && images >= 1, name + " lacks the Pareto plot");
    }
}
