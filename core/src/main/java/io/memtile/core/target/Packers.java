package io.memtile.core.target;

import io.memtile.core.MemtileException;
import java.util.List;

/**
 * Names of the placement strategies ({@code memtile compile --packer}, {@code --hw-packer}). They live here, below the
 * trainer and the compiler, because hardware-aware training computes its IR-drop layout with the compiler's packer
 * and both must accept the same names.
 */
public final class Packers {
    /** Every layer on tiles of its own, each packed optimally (the default). */
    public static final String LAYERS = "layers";
    /** Optimal packing of all layers together: fewest tiles. */
    public static final String PACK = "pack";
    /** One tile per (rows x column pairs) chunk of every layer. */
    public static final String GRID = "grid";
    public static final List<String> NAMES = List.of(LAYERS, PACK, GRID);
    /**
     * Why LAYERS is the default: a word line drives every cell it crosses on a sensed column, so a membrane-driven row on
     * a tile shared with another layer also heats that layer's (reset) cells, a third of its row load on MNIST
     * (README, "Spiking within the energy budget?"). On a tile of its own, its row crosses only its own layer's columns.
     */
    public static final String DEFAULT = LAYERS;

    private Packers() {}

    /** @throws MemtileException naming {@code option} unless {@code name} is one of {@link #NAMES} */
    public static String check(String option, String name) {
        if (!NAMES.contains(name)) throw new MemtileException(option, null, "must be one of " + String.join(", ", NAMES) + ", got '" + name + "'");
        return name;
    }
}
