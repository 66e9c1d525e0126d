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
        return switch (name) {
            case "grid" -> new GridPacker();
            case "pack" -> new ShelfPacker();
            default -> throw new io.memtile.core.MemtileException("--packer", null, "must be 'grid' or 'pack', got '" + name + "'");
        };
    }
}
