package io.memtile.compiler.place;

/**
 * @param packer           packer used
 * @param tiles            tiles used
 * @param cellLowerBound   ceil(2 * sum(in*out) / (rows*cols)): the cell-count bound
 * @param slotLowerBound   ceil(sum_l 2*out_l*ceil(in_l/rows) / usableCols): a tile has only
 *                         {@code rows} word lines, so every output needs at least ceil(in/rows)
 *                         column pairs; usually the tighter bound
 * @param cellsUsed        cells holding a weight device (2 per weight)
 * @param utilisation      cellsUsed / (tiles * rows * cols)
 * @param blocks           placed blocks
 * @param splitNeurons     neurons whose column sums come from more than one tile
 */
/** Placement figures; {@link #lowerBound()} is the best of the three tile-count bounds. */
public record PlacementStats(String packer, int tiles, int cellLowerBound, int slotLowerBound, int rowSlotLowerBound, long cellsUsed,
                             double utilisation, int blocks, int splitNeurons) {
    public int lowerBound() { return Math.max(cellLowerBound, Math.max(slotLowerBound, rowSlotLowerBound)); }
}
