package io.memtile.compiler;

import io.memtile.core.MemtileException;

/**
 * Compiler options.
 *
 * @param seed             seed of the fault draw and the stochastic programming simulation
 * @param packer           "layers" (each layer packed on tiles of its own, the default), "pack" (all layers packed
 *                         together, fewest tiles) or "grid" (one tile per row x column chunk); see core's Packers
 * @param switches         MSS switches N used for quantisation (N+1 levels); 0 = the target's synapse.switches
 * @param quantize         quantise to reachable MSS levels; false = continuous conductances gOff + gUnit*|w|
 *                         (an analog-programming idealisation: conductances are then written exactly)
 * @param programmingNoise simulate stochastic write-verify; false = every device lands exactly on its target
 * @param faults           draw stuck-at faults from target.nonIdealities
 * @param pulseLog         keep the per-pulse log for the per-tile programming CSVs (off for huge networks)
 * @param threads          worker threads for per-tile programming (results do not depend on it)
 * @param repairTiles      extra tiles the compiler may add to take column pairs that could not be
 *                         repaired on their own tile (no free column pair); 0 = never add tiles
 * @param range            range mapping: "off", "layer" (default) or "column" (pass "range")
 * @param irCompensation   IR-drop-aware conductance targets (pass "irdrop"; needs tile.wireResistanceOhm &gt; 0)
 * @param irPlacement      IR-drop-aware row placement within tiles (pass "irplace": the rows with the most
 *                         conductance next to the sense amplifiers; needs tile.wireResistanceOhm &gt; 0)
 * @param rangeHeadroom    with IR compensation on, range mapping uses only the fraction of the full range that
 *                         minimises the predicted quantisation + IR error ({@code range.IrHeadroom}); false = the
 *                         largest weight always on level N (absent in reports written before it: false, the full range)
 * @param headroomTolerance with range headroom on, each layer takes the largest fraction of the range whose predicted
 *                         error is within (1 + headroomTolerance) of the smallest ({@code range.IrHeadroom}): a little
 *                         predicted error for less read energy and more levels used (absent in reports written before
 *                         it: 0, the error-minimising fraction)
 * @param bitlineRef       bit-line reference voltage (V) per membrane-driven weight layer 1..L-1 (pass "bitline",
 *                         {@code bitline.BitlineRefPass}; 0 = that layer at 0 V), or null = off (absent in reports
 *                         written before it, and not written when off)
 * @param levelUse         pass "levels" ({@code levels.LevelUsePass}): the 99th percentile of every layer's active levels is
 *                         raised to at least ceil(levelUse * N), saturating the few larger weights at N; 0 = off (absent in
 *                         reports written before it: off)
 * @param maxTileRows      at most this many word lines per tile carry weights ({@code place.PlacementPass}): shorter bit-line
 *                         sums, less IR drop, more tiles; 0 = all rows (absent in reports written before it: all rows)
 */
public record CompileOptions(long seed, String packer, int switches, boolean quantize, boolean programmingNoise,
                             boolean faults, boolean pulseLog, int threads, int repairTiles, String range, boolean irCompensation,
                             @io.memtile.core.json.OptionalField boolean irPlacement,
                             @io.memtile.core.json.OptionalField boolean rangeHeadroom,
                             @io.memtile.core.json.OptionalField double headroomTolerance,
                             @io.memtile.core.json.OptionalField double[] bitlineRef,
                             @io.memtile.core.json.OptionalField double levelUse,
                             @io.memtile.core.json.OptionalField int maxTileRows) {
    /** Default of {@link #irPlacement()} (see docs/notes/issue-8-compile.md for the measurement behind it). */
    public static final boolean IR_PLACEMENT_DEFAULT = false;
    /** Default of {@link #headroomTolerance()}: see README "Why not the whole range" for the measurement behind it. */
    public static final double HEADROOM_TOLERANCE_DEFAULT = 0.20;
    /** Default of {@link #levelUse()}: off (see docs/notes/issue-8-s5-levels.md for the measurement behind it). */
    public static final double LEVEL_USE_DEFAULT = 0;

    /** Level-use floor off. */
    public CompileOptions(long seed, String packer, int switches, boolean quantize, boolean programmingNoise, boolean faults,
                          boolean pulseLog, int threads, int repairTiles, String range, boolean irCompensation, boolean irPlacement,
                          boolean rangeHeadroom, double headroomTolerance, double[] bitlineRef) {
        this(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, range, irCompensation, irPlacement,
                rangeHeadroom, headroomTolerance, bitlineRef, LEVEL_USE_DEFAULT, 0);
    }

    /** All rows of a tile in use. */
    public CompileOptions(long seed, String packer, int switches, boolean quantize, boolean programmingNoise, boolean faults,
                          boolean pulseLog, int threads, int repairTiles, String range, boolean irCompensation, boolean irPlacement,
                          boolean rangeHeadroom, double headroomTolerance, double[] bitlineRef, double levelUse) {
        this(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, range, irCompensation, irPlacement,
                rangeHeadroom, headroomTolerance, bitlineRef, levelUse, 0);
    }

    /** Bit-line references off. */
    public CompileOptions(long seed, String packer, int switches, boolean quantize, boolean programmingNoise, boolean faults,
                          boolean pulseLog, int threads, int repairTiles, String range, boolean irCompensation, boolean irPlacement,
                          boolean rangeHeadroom, double headroomTolerance) {
        this(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, range, irCompensation, irPlacement,
                rangeHeadroom, headroomTolerance, null);
    }

    public CompileOptions(long seed, String packer, int switches, boolean quantize, boolean programmingNoise, boolean faults,
                          boolean pulseLog, int threads, int repairTiles, String range, boolean irCompensation, boolean irPlacement,
                          boolean rangeHeadroom) {
        this(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, range, irCompensation, irPlacement,
                rangeHeadroom, HEADROOM_TOLERANCE_DEFAULT);
    }

    public CompileOptions(long seed, String packer, int switches, boolean quantize, boolean programmingNoise, boolean faults,
                          boolean pulseLog, int threads, int repairTiles, String range, boolean irCompensation) {
        this(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, range, irCompensation, IR_PLACEMENT_DEFAULT, true);
    }

    public CompileOptions(long seed, String packer, int switches, boolean quantize, boolean programmingNoise, boolean faults,
                          boolean pulseLog, int threads) {
        this(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, 0);
    }

    /** Range mapping per layer and IR-drop compensation on (the realistic defaults since issue 8). */
    public CompileOptions(long seed, String packer, int switches, boolean quantize, boolean programmingNoise, boolean faults,
                          boolean pulseLog, int threads, int repairTiles) {
        this(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, "layer", true);
    }

    public CompileOptions {
        io.memtile.core.target.Packers.check("--packer", packer);
        if (switches < 0) throw new MemtileException("--switches", null, "must be >= 0 (0 = target's), got " + switches);
        if (threads < 1) throw new MemtileException("--threads", null, "must be >= 1, got " + threads);
        if (repairTiles < 0) throw new MemtileException("--repair-tiles", null, "must be >= 0, got " + repairTiles);
        io.memtile.compiler.range.RangeMode.parse(range);
        if (!(headroomTolerance >= 0) || Double.isInfinite(headroomTolerance)) {
            throw new MemtileException("--headroom-tolerance", null, "must be a finite number >= 0, got " + headroomTolerance);
        }
        io.memtile.compiler.levels.LevelUsePass.check(levelUse);
        if (maxTileRows < 0) throw new MemtileException("--max-tile-rows", null, "must be >= 0 (0 = all rows), got " + maxTileRows);
        if (bitlineRef != null) {
            bitlineRef = bitlineRef.clone();
            for (double v : bitlineRef) {
                if (!Double.isFinite(v) || Math.abs(v) > 1.0) throw new MemtileException("--bitline-ref", null, "must be finite volts with |V| <= 1, got " + v);
            }
            if (!quantize) {
                // the compensation is computed from the nominal target levels; a continuous program has none
                throw new MemtileException("--bitline-ref", null, "needs quantised levels (not with --no-quantize)");
            }
        }
    }

    public io.memtile.compiler.range.RangeMode rangeMode() { return io.memtile.compiler.range.RangeMode.parse(range); }

    public CompileOptions withRange(String r) { return new CompileOptions(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, r, irCompensation, irPlacement, rangeHeadroom, headroomTolerance, bitlineRef, levelUse, maxTileRows); }

    public CompileOptions withIrCompensation(boolean b) { return new CompileOptions(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, range, b, irPlacement, rangeHeadroom, headroomTolerance, bitlineRef, levelUse, maxTileRows); }

    /** Realistic defaults: optimising packer, target's N, quantised, stochastic programming, faults. */
    public static CompileOptions defaults(long seed) {
        return new CompileOptions(seed, io.memtile.core.target.Packers.DEFAULT, 0, true, true, true, true, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * No quantisation (continuous conductances exactly gOff + gUnit*max(+-w, 0)), exact programming,
     * no faults: the program reproduces the trained forward map (the simulator's agreement test).
     */
    public static CompileOptions ideal(long seed) {
        return new CompileOptions(seed, "pack", 0, false, false, false, true, 1, 0, "off", false, false, false);
    }

    public CompileOptions withPacker(String p) { return new CompileOptions(seed, p, switches, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, range, irCompensation, irPlacement, rangeHeadroom, headroomTolerance, bitlineRef, levelUse, maxTileRows); }

    public CompileOptions withSwitches(int n) { return new CompileOptions(seed, packer, n, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, range, irCompensation, irPlacement, rangeHeadroom, headroomTolerance, bitlineRef, levelUse, maxTileRows); }

    public CompileOptions withPulseLog(boolean b) { return new CompileOptions(seed, packer, switches, quantize, programmingNoise, faults, b, threads, repairTiles, range, irCompensation, irPlacement, rangeHeadroom, headroomTolerance, bitlineRef, levelUse, maxTileRows); }

    public CompileOptions withThreads(int t) { return new CompileOptions(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, t, repairTiles, range, irCompensation, irPlacement, rangeHeadroom, headroomTolerance, bitlineRef, levelUse, maxTileRows); }

    public CompileOptions withIrPlacement(boolean b) { return new CompileOptions(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, range, irCompensation, b, rangeHeadroom, headroomTolerance, bitlineRef, levelUse, maxTileRows); }

    public CompileOptions withRangeHeadroom(boolean b) { return new CompileOptions(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, range, irCompensation, irPlacement, b, headroomTolerance, bitlineRef, levelUse, maxTileRows); }

    public CompileOptions withHeadroomTolerance(double e) { return new CompileOptions(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, range, irCompensation, irPlacement, rangeHeadroom, e, bitlineRef, levelUse, maxTileRows); }

    public CompileOptions withRepairTiles(int r) { return new CompileOptions(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, r, range, irCompensation, irPlacement, rangeHeadroom, headroomTolerance, bitlineRef, levelUse, maxTileRows); }

    public CompileOptions withLevelUse(double f) { return new CompileOptions(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, range, irCompensation, irPlacement, rangeHeadroom, headroomTolerance, bitlineRef, f, maxTileRows); }

    public CompileOptions withMaxTileRows(int r) { return new CompileOptions(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, range, irCompensation, irPlacement, rangeHeadroom, headroomTolerance, bitlineRef, levelUse, r); }

    public CompileOptions withBitlineRef(double[] v) { return new CompileOptions(seed, packer, switches, quantize, programmingNoise, faults, pulseLog, threads, repairTiles, range, irCompensation, irPlacement, rangeHeadroom, headroomTolerance, v, levelUse, maxTileRows); }
}
