package io.memtile.compiler.place;

import java.util.ArrayList;
import java.util.List;

/**
 * The simple baseline: every layer is cut into a grid of rows x (usableCols/2)-output chunks and
 * every chunk gets a tile of its own; layers never share a tile.
 */
public final class GridPacker implements Packer {
    @Override
    public List<TilePlan> pack(int[] inputs, int[] outputs, int rows, int usableCols) {
        int pairs = usableCols / 2;
        List<TilePlan> tiles = new ArrayList<>();
        for (int l = 0; l < inputs.length; l++) {
            for (int i0 = 0; i0 < inputs[l]; i0 += rows) {
                for (int o0 = 0; o0 < outputs[l]; o0 += pairs) {
                    Piece p = new Piece(l, i0, Math.min(rows, inputs[l] - i0), o0, Math.min(pairs, outputs[l] - o0));
                    tiles.add(new TilePlan(tiles.size(), List.of(p)));
                }
            }
        }
        return tiles;
    }
}
