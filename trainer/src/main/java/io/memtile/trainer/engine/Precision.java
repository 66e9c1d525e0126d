package io.memtile.trainer.engine;

import java.util.Locale;

/**
 * Arithmetic of the batch-lane training engine. FLOAT64 ({@link LaneBptt}) is the reference (the
 * SPICE agreement and the finite-difference gradient checks are stated for it); FLOAT32
 * ({@link FloatLaneBptt}) holds twice the lanes per SIMD vector (16 on AVX-512).
 */
public enum Precision {
    FLOAT64, FLOAT32;

    /** "float32" / "float64" (also "fp32", "single", "double"), case-insensitive. */
    public static Precision parse(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "float64": case "fp64": case "double": return FLOAT64;
            case "float32": case "fp32": case "single": case "float": return FLOAT32;
            default: throw new IllegalArgumentException("unknown precision '" + s + "' (float32 | float64)");
        }
    }

    /** The spelling used on the command line and in artifacts. */
    public String label() { return this == FLOAT64 ? "float64" : "float32"; }
}
