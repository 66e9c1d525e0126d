package io.memtile.compiler.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything the chip overview draws (all tiles on one image, coloured by the layer that occupies
 * each block), as plain data; {@link ChipOverviewImage} paints it.
 */
public record ChipOverview(String title, String subtitle, int rows, int cols, List<TileEntry> tiles, List<LayerKey> layers) {

    /** One tile: its blocks, its stuck cells and how full it is. */
    public record TileEntry(int id, double utilisation, List<BlockBox> boxes, List<String> blocks, List<TileMap.StuckCell> stuck,
                            List<TileMap.Band> bands, boolean repairTile) {}

    /** A legend entry: weight layer, its shape and how many tiles carry part of it. */
    public record LayerKey(int layer, int inputs, int outputs, String drive, int tiles) {
        public String text() {
            return String.format(Locale.ROOT, "L%d: %d inputs → %d outputs (%s-driven rows), on %d tile%s", layer, inputs, outputs,
                    drive.toLowerCase(Locale.ROOT), tiles, tiles == 1 ? "" : "s");
        }
    }

    public String describe() {
        List<String> out = new ArrayList<>();
        out.add("title: " + title);
        out.add("subtitle: " + subtitle);
        for (LayerKey k : layers) out.add("layer: " + k.text());
        for (TileEntry t : tiles) {
            out.add(String.format(Locale.ROOT, "tile %d: %.1f %% used, %d stuck%s", t.id(), 100 * t.utilisation(), t.stuck().size(),
                    t.repairTile() ? " (repair tile)" : ""));
            for (String b : t.blocks()) out.add("  block: " + b);
            for (BlockBox b : t.boxes()) out.add("  box: " + b.describe());
            for (TileMap.Band b : t.bands()) out.add("  band: " + b.text());
        }
        return String.join("\n", out) + "\n";
    }
}
