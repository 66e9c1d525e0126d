package io.memtile.compiler.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.CompileResult;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.Target;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfigs;
import io.memtile.trainer.model.TrainingRecord;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The data drawn by the tile maps and the chip overview: golden files on a tiny fixed program,
 * geometric invariants on a larger one with many stuck cells, and a render smoke test. Regenerate the
 * golden files after an intended change with {@code -Dgolden.update=true} and review the diff.
 */
class TileMapsTest {
    static final String HASH = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /** 5-3-2 on 6×8 tiles with 2 spare columns and 8 % stuck cells: blocks, moves and unused bands all appear. */
    static CompileResult tiny() {
        Target t = TestTargets.withStuck(TestTargets.withTile(TestTargets.paper(), 6, 8, 2), 0.08, 0.5);
        double[][][] w = {
                {{0.5, -0.25, 1.0, 0.0, -1.0}, {-0.125, 0.75, 0.3, -0.6, 0.05}, {0.9, 0.1, -0.2, 0.4, -0.45}},
                {{0.6, -0.7, 0.2}, {-0.33, 0.5, 0.95}}};
        ModelArtifact m = new ModelArtifact(1, NetworkConfigs.defaults(t, new int[] {5, 3, 2}), t, w,
                new TrainingRecord("fixed", "", 0, 0, 1, 1e-3, 0.9, 0.999, 0, 1, 1), Map.of(), null);
        return Compiler.compile(m, t, new CompileOptions(42, "pack", 8, true, true, true, true, 1));
    }

    /** 30-10-3 on 16×16 tiles, 2 % stuck: several tiles, remapped column pairs. */
    static CompileResult medium() {
        Target t = TestTargets.withStuck(TestTargets.withTile(TestTargets.paper(), 16, 16, 2), 0.02, 0.5);
        return Compiler.compile(RandomModels.create(t, new int[] {30, 10, 3}, 1.0, 8), t, CompileOptions.defaults(2).withThreads(1));
    }

    @Test
    void tileMapDataMatchesGolden() throws IOException {
        CompileResult r = tiny();
        TileProgram p = r.program();
        StringBuilder sb = new StringBuilder();
        for (TileImage t : p.tiles()) sb.append(TileMaps.tile(p, t, r.report().repairs(), r.report().placement().tiles(), HASH).describe()).append('\n');
        assertGolden("tile-maps.txt", sb.toString());
    }

    @Test
    void chipOverviewDataMatchesGolden() throws IOException {
        CompileResult r = tiny();
        assertGolden("chip-overview.txt", TileMaps.chip(r.program(), r.report().repairs(), r.report().placement().tiles(), HASH).describe());
    }

    @Test
    void boxesCoverExactlyTheUsedCellsAndStuckCellsAreMarkedOnOrOff() {
        CompileResult r = medium();
        TileProgram p = r.program();
        int stuckSeen = 0;
        boolean sawOn = false, sawOff = false;
        for (TileImage t : p.tiles()) {
            TileMap m = TileMaps.tile(p, t, r.report().repairs(), r.report().placement().tiles(), HASH);
            int[] cover = new int[t.rows() * t.cols()];
            for (BlockBox b : m.boxes()) {
                for (int row = b.row(); row < b.row() + b.rowCount(); row++) for (int c = b.col(); c < b.col() + b.colCount(); c++) cover[row * t.cols() + c]++;
            }
            for (int k = 0; k < cover.length; k++) {
                assertTrue(cover[k] <= 1, "boxes overlap at cell " + k + " of tile " + t.id());
                assertEquals(t.targetLevel()[k] >= 0, cover[k] == 1, "cell " + k + " of tile " + t.id() + ": used cells and boxed cells agree");
                assertEquals(t.targetLevel()[k] < 0, Double.isNaN(m.level()[k]), "unused cells are the greyed ones");
            }
            // every unused row and column is explained by a band
            boolean[] rowBand = new boolean[t.rows()], colBand = new boolean[t.cols()];
            for (TileMap.Band b : m.bands()) for (int i = b.from(); i <= b.to(); i++) (b.isRows() ? rowBand : colBand)[i] = true;
            for (int row = 0; row < t.rows(); row++) {
                boolean used = false;
                for (Block b : t.blocks()) for (int x : b.rows()) used |= x == row;
                assertEquals(!used, rowBand[row], "row " + row + " of tile " + t.id());
            }
            assertEquals(t.stuck().length, m.stuck().size());
            for (TileMap.StuckCell s : m.stuck()) {
                double g = t.conductance()[s.row() * t.cols() + s.col()];
                assertEquals(s.on(), Math.abs(g - p.target().synapse().gOn()) < Math.abs(g - p.target().synapse().gOff()), "ON means frozen near G_on");
                sawOn |= s.on();
                sawOff |= !s.on();
                assertFalse(s.action().isBlank());
            }
            stuckSeen += m.stuck().size();
            assertTrue(m.title().contains("Tile " + t.id() + " of " + p.tiles().size()) && m.title().contains(HASH.substring(0, ProgramHash.SHORT)));
        }
        assertTrue(stuckSeen > 0 && sawOn && sawOff, "the fixture has stuck cells of both kinds (" + stuckSeen + ")");
    }

    @Test
    void colourBarRunsFromGoffToGonInLevelsAndMicrosiemens() {
        CompileResult r = medium();
        TileMap m = TileMaps.tile(r.program(), r.program().tiles().get(0), List.of(), 1, HASH);
        List<TileMap.Tick> t = m.ticks();
        assertEquals(0, t.get(0).level());
        assertEquals(r.program().target().synapse().gOff() * 1e6, t.get(0).microSiemens(), 1e-9);
        assertEquals(m.switches(), t.get(t.size() - 1).level());
        assertEquals(r.program().target().synapse().gOn() * 1e6, t.get(t.size() - 1).microSiemens(), 1e-9);
        assertEquals(0.5, m.scale(Math.sqrt(m.switches() + 1) - 1), 1e-12, "log(1 + level) scale");
    }

    @Test
    void titlesShowTheFirstTwelveHexDigitsOfTheHash() {
        assertEquals("0123456789ab", ProgramHash.shortForm(HASH));
    }

    @Test
    void rendersTileMapsAndOverviewWithMarkers() throws IOException {
        CompileResult r = medium();
        TileProgram p = r.program();
        for (TileImage t : p.tiles()) {
            TileMap m = TileMaps.tile(p, t, r.report().repairs(), r.report().placement().tiles(), HASH);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(TileMapImage.png(m)));
            int px = TileMapImage.cellPx(t.rows(), t.cols());
            assertTrue(img.getWidth() > t.cols() * px + 400 && img.getHeight() > t.rows() * px, "grid plus legend panel");
            // a stuck-ON cell carries a red marker; unused cells are grey
            for (TileMap.StuckCell s : m.stuck()) {
                if (!s.on()) continue;
                int rgb = img.getRGB(92 + s.col() * px + px / 2, 78 + s.row() * px + px / 2) & 0xFFFFFF;
                assertEquals(TileMapImage.STUCK_ON.getRGB() & 0xFFFFFF, rgb, "stuck-ON marker at row " + s.row() + " col " + s.col());
            }
            assertTrue(nonWhite(img) > img.getWidth() * img.getHeight() / 5, "the image is not blank");
        }
        BufferedImage chip = ImageIO.read(new ByteArrayInputStream(ChipOverviewImage.png(TileMaps.chip(p, r.report().placement().tiles(), HASH))));
        assertTrue(chip.getWidth() >= 900 && nonWhite(chip) > chip.getWidth() * chip.getHeight() / 20);
    }

    static int nonWhite(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) n++;
        return n;
    }

    static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) Files.writeString(Path.of("src/test/resources/golden", name), actual);
        try (InputStream in = TileMapsTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) throw new AssertionError("missing golden file golden/" + name + " (run with -Dgolden.update=true)");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, name);
        }
    }
}
