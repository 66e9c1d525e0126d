package io.memtile.compiler.place;

import java.util.ArrayList;
import java.util.List;

/**
 * Every layer on tiles of its own, each layer packed by {@link ShelfPacker}. Compared with packing all layers together it
 * may cost a tile per extra layer, but no word line then crosses another layer's columns: a membrane-driven row that
 * swings with a spiking neuron heats only its own layer's cells, and the alpha-driven rows no longer heat the reset
 * cells of a later layer's columns (see {@link io.memtile.core.target.Packers#DEFAULT}).
 */
public final class LayerPacker implements Packer {
    @Override
    public List<TilePlan> pack(int[] inputs, int[] outputs, int rows, int usableCols) {
        List<TilePlan> tiles = new ArrayList<>();
        ShelfPacker shelf = new ShelfPacker();
        for (int l = 0; l < inputs.length; l++) {
            // pack layer l alone: the other layers get zero outputs, so they contribute no pieces
            int[] out = new int[outputs.length];
            out[l] = outputs[l];
            for (TilePlan p : shelf.pack(inputs, out, rows, usableCols)) {
                if (p.pieces().isEmpty()) continue;
                tiles.add(new TilePlan(tiles.size(), p.pieces()));
            }
        }
        return tiles;
    }
}
