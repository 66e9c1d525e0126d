package io.memtile.trainer.hwaware;

import io.memtile.core.json.Fields;
import io.memtile.core.json.OptionalField;
import io.memtile.core.json.Validatable;
import io.memtile.core.target.Target;

/**
 * How hardware-aware training perturbed the weights (recorded in the model artifact as
 * {@code hwAware}). Every component is switched off by a zero. See {@link HwTransform}.
 *
 * @param version          {@link #VERSION} of this record's meaning
 * @param seed             seed of every per-batch draw ({@code Seeds.stream(seed, "hw-aware", epoch << 32 | batch)})
 * @param d2dSigma         lognormal sigma of each device's R_on and R_off, drawn anew per batch
 * @param readNoiseSigma   relative Gaussian sigma of each read conductance, drawn per batch
 * @param switches         N of the MSS device: conductances are rounded to the N+1 levels (0 = continuous)
 * @param stuckAtRate      per-cell probability of a stuck device, drawn per batch (ignored with a chip)
 * @param stuckOnFraction  of the stuck cells, the fraction stuck at G_on
 * @param wireResistanceOhm word/bit-line resistance per cell pitch for the IR-drop attenuation (0 = none)
 * @param tileRows         tile word lines of the layout the attenuation is computed on
 * @param tileCols         tile bit lines
 * @param spareColumns     columns per tile the layout leaves free
 * @param packer           placement the layout was computed with ("layers", "pack" or "grid", as {@code memtile compile --packer})
 * @param chipProgram      for {@code memtile finetune}: the program whose chip (stuck map, IR transfer) was fixed; else absent
 * @param chipProgramSha256 hash of that program.json
 * @param chipSeed         seed of that chip instance (the simulator's --seed)
 */
public record HwAwareConfig(int version, long seed, double d2dSigma, double readNoiseSigma, int switches, double stuckAtRate,
                            double stuckOnFraction, double wireResistanceOhm, int tileRows, int tileCols, int spareColumns, String packer,
                            @OptionalField String chipProgram, @OptionalField String chipProgramSha256,
                            @OptionalField Long chipSeed) implements Validatable {
    public static final int VERSION = 1;

    /** Every non-ideality of the target, as the simulator applies it by default. */
    public static HwAwareConfig fromTarget(Target t, long seed) {
        var ni = t.nonIdealities();
        var tile = t.tile();
        return new HwAwareConfig(VERSION, seed, ni.d2dSigma(), ni.readNoiseSigma(), t.synapse().switches(), ni.stuckAtRate(),
                ni.stuckOnFraction(), ni.wireResistance() ? tile.wireResistanceOhm() : 0, tile.rows(), tile.cols(),
                tile.spareColumns(), io.memtile.core.target.Packers.DEFAULT, null, null, null);
    }

    /** All components off on the target's tile geometry (the start for enabling single components). */
    public static HwAwareConfig none(Target t, long seed) {
        var tile = t.tile();
        return new HwAwareConfig(VERSION, seed, 0, 0, 0, 0, t.nonIdealities().stuckOnFraction(), 0, tile.rows(), tile.cols(),
                tile.spareColumns(), io.memtile.core.target.Packers.DEFAULT, null, null, null);
    }

    public HwAwareConfig withD2d(double s) { return new HwAwareConfig(version, seed, s, readNoiseSigma, switches, stuckAtRate, stuckOnFraction, wireResistanceOhm, tileRows, tileCols, spareColumns, packer, chipProgram, chipProgramSha256, chipSeed); }

    public HwAwareConfig withReadNoise(double s) { return new HwAwareConfig(version, seed, d2dSigma, s, switches, stuckAtRate, stuckOnFraction, wireResistanceOhm, tileRows, tileCols, spareColumns, packer, chipProgram, chipProgramSha256, chipSeed); }

    public HwAwareConfig withSwitches(int n) { return new HwAwareConfig(version, seed, d2dSigma, readNoiseSigma, n, stuckAtRate, stuckOnFraction, wireResistanceOhm, tileRows, tileCols, spareColumns, packer, chipProgram, chipProgramSha256, chipSeed); }

    public HwAwareConfig withStuck(double rate) { return new HwAwareConfig(version, seed, d2dSigma, readNoiseSigma, switches, rate, stuckOnFraction, wireResistanceOhm, tileRows, tileCols, spareColumns, packer, chipProgram, chipProgramSha256, chipSeed); }

    public HwAwareConfig withWireResistance(double ohm) { return new HwAwareConfig(version, seed, d2dSigma, readNoiseSigma, switches, stuckAtRate, stuckOnFraction, ohm, tileRows, tileCols, spareColumns, packer, chipProgram, chipProgramSha256, chipSeed); }

    public HwAwareConfig withPacker(String p) { return new HwAwareConfig(version, seed, d2dSigma, readNoiseSigma, switches, stuckAtRate, stuckOnFraction, wireResistanceOhm, tileRows, tileCols, spareColumns, p, chipProgram, chipProgramSha256, chipSeed); }

    public HwAwareConfig withChip(String program, String sha256, long chipSeed) { return new HwAwareConfig(version, seed, d2dSigma, readNoiseSigma, switches, stuckAtRate, stuckOnFraction, wireResistanceOhm, tileRows, tileCols, spareColumns, packer, program, sha256, chipSeed); }

    /** Whether any component perturbs the weights. */
    public boolean any() {
        return d2dSigma > 0 || readNoiseSigma > 0 || switches > 0 || stuckAtRate > 0 || wireResistanceOhm > 0 || chipProgram != null;
    }

    @Override
    public void validate(Fields f) {
        f.check(version == VERSION, "version", "is " + version + " but this memtile reads hwAware version " + VERSION);
        f.range("d2dSigma", d2dSigma, 0, 2);
        f.range("readNoiseSigma", readNoiseSigma, 0, 1);
        f.range("switches", switches, 0, 1 << 20);
        f.range("stuckAtRate", stuckAtRate, 0, 0.5);
        f.range("stuckOnFraction", stuckOnFraction, 0, 1);
        f.nonNegative("wireResistanceOhm", wireResistanceOhm);
        f.range("tileRows", tileRows, 1, 1 << 16);
        f.range("tileCols", tileCols, 2, 1 << 16);
        f.range("spareColumns", spareColumns, 0, tileCols - 2);
        f.check(io.memtile.core.target.Packers.NAMES.contains(packer), "packer", "must be one of " + String.join(", ", io.memtile.core.target.Packers.NAMES) + ", got " + packer);
    }
}
