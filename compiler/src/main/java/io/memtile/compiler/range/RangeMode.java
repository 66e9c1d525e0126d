package io.memtile.compiler.range;

import io.memtile.core.MemtileException;
import java.util.Locale;

/** How {@link RangeMapPass} scales weights to conductances. */
public enum RangeMode {
    /** The trainer's convention: weight 1 = gOn - gOff (trained |w| &lt;= 0.15 then uses ~1/7 of the levels). */
    OFF,
    /** One scale per layer: the layer's largest |w| reaches the top level N. */
    LAYER,
    /** One scale per output column: every column's largest |w| reaches level N (per-column gain). */
    COLUMN;

    public static RangeMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MemtileException("--range", null, "must be off, layer or column, got '" + s + "'");
        }
    }

    public String label() { return name().toLowerCase(Locale.ROOT); }
}
