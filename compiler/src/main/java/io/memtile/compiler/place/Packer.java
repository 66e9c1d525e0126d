package io.memtile.compiler.place;

import java.util.List;

/** Assigns every weight of every layer to exactly one tile piece. */
public interface Packer {
    /**
     * @param inputs     fan-in per layer
     * @param outputs    fan-out per layer
     * @param rows       rows per tile
     * @param usableCols columns per tile available for placement (spare columns excluded)
     */
    List<TilePlan> pack(int[] inputs, int[] outputs, int rows, int usableCols);

    static Packer of(String name) {
        return switch (io.memtile.core.target.Packers.check("--packer", name)) {
            case io.memtile.core.target.Packers.GRID -> new GridPacker();
            case io.memtile.core.target.Packers.PACK -> new ShelfPacker();
            default -> new LayerPacker();
        };
    }
}
