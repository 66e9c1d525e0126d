package io.memtile.compiler;

import io.memtile.compiler.program.WriteVerify;
import io.memtile.core.memory.MemoryBudget;
import io.memtile.core.target.Target;

/**
 * The compiler's memory estimate, checked before any pass allocates: the write-verify tables grow
 * with (N+1)^2 (and (N+1)^3 for the alias tables up to {@link WriteVerify#TABLE_MAX}), and every tile
 * holds rows*cols levels and conductances. A huge --switches or a 65536x65536 tile used to exhaust
 * the heap (or overflow an int array index) minutes into the run.
 */
public final class CompileMemory {
    /** Bytes per cell of a tile while it is compiled: level (int) + conductance + programming state (doubles). */
    static final double BYTES_PER_CELL = 4 + 8 + 8 + 4;

    private CompileMemory() {}

    /** Throws a one-line MemtileException naming the option when the compile cannot fit. */
    public static void check(int[] widths, Target t, int switches) {
        int n = switches > 0 ? switches : t.synapse().switches();
        String nOpt = switches > 0 ? "--switches" : "target synapse.switches";
        double levels = n + 1.0;
        MemoryBudget.requireArrayLength(nOpt, levels * levels, "N = " + n + " (write-verify tables of (N+1)^2 entries)");
        double wv = 6 * 8 * levels * levels + 8 * levels + (n <= WriteVerify.TABLE_MAX ? 12 * levels * levels * levels : 0);
        MemoryBudget.require(nOpt, wv, "N = " + n + " (write-verify tables)");
        double rows = t.tile().rows(), cols = t.tile().cols();
        MemoryBudget.requireArrayLength("target tile.rows x tile.cols", rows * cols, "a " + (long) rows + "x" + (long) cols + " tile");
        double pairs = 0;
        for (int l = 0; l + 1 < widths.length; l++) pairs += (double) widths[l] * widths[l + 1];
        double usableCols = Math.max(2, cols - t.tile().spareColumns());
        double tiles = Math.max(1, Math.ceil(2 * pairs / (rows * usableCols)));
        MemoryBudget.require("target tile size / model layers", tiles * rows * cols * BYTES_PER_CELL,
                String.format(java.util.Locale.ROOT, "compiling %.0f weights onto at least %.0f tiles of %.0fx%.0f cells", pairs, tiles, rows, cols));
    }
}
