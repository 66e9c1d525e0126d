package io.memtile.trainer.hwaware;

import io.memtile.core.MemtileException;
import io.memtile.core.target.Target;
import java.util.Locale;

/**
 * The command-line switches of hardware-aware training: {@code --hw-aware} turns on every
 * non-ideality of the target; each {@code --hw-*} switch is {@code on} (the target's value),
 * {@code off} or a number, and applies on top (alone it enables only that component).
 */
public final class HwAwareOptions {
    private HwAwareOptions() {}

    /**
     * @return the configuration, or null when nothing is enabled (ideal training)
     */
    public static HwAwareConfig resolve(Target t, long seed, boolean all, String d2d, String readNoise, String quantize,
                                        String stuck, String irDrop) {
        HwAwareConfig base = HwAwareConfig.fromTarget(t, seed);
        HwAwareConfig c = all ? base : HwAwareConfig.none(t, seed);
        if (d2d != null) c = c.withD2d(value("--hw-d2d", d2d, base.d2dSigma(), 0, 2));
        if (readNoise != null) c = c.withReadNoise(value("--hw-read-noise", readNoise, base.readNoiseSigma(), 0, 1));
        if (quantize != null) {
            double n = value("--hw-quantize", quantize, base.switches(), 0, 1 << 20);
            if (n != Math.rint(n)) throw new MemtileException("--hw-quantize", null, "must be on, off or a whole number of switches N, got " + quantize);
            c = c.withSwitches((int) n);
        }
        if (stuck != null) c = c.withStuck(value("--hw-stuck", stuck, base.stuckAtRate(), 0, 0.5));
        if (irDrop != null) c = c.withWireResistance(value("--hw-ir-drop", irDrop, t.tile().wireResistanceOhm(), 0, 1e6));
        return c.any() ? c : null;
    }

    private static double value(String opt, String s, double targetValue, double lo, double hi) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off") || v.equals("false")) return 0;
        if (v.equals("on") || v.equals("true")) {
            if (targetValue <= 0) {
                throw new MemtileException(opt, null, "the target sets this non-ideality to 0, so 'on' has no value; give a number");
            }
            return targetValue;
        }
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new MemtileException(opt, null, "must be on, off or a number, got '" + s + "'");
        }
        if (!Double.isFinite(x) || x < lo || x > hi) throw new MemtileException(opt, null, "must be in [" + lo + ", " + hi + "], got " + s);
        return x;
    }

    /** One line for logs. */
    public static String describe(HwAwareConfig c) {
        return String.format(Locale.ROOT, "hardware-aware: d2d %.3g, read noise %.3g, levels %s, stuck %.3g (ON %.2f), wire %.3g ohm on %dx%d tiles, seed %d%s",
                c.d2dSigma(), c.readNoiseSigma(), c.switches() > 0 ? "N=" + c.switches() : "continuous", c.stuckAtRate(), c.stuckOnFraction(),
                c.wireResistanceOhm(), c.tileRows(), c.tileCols(), c.seed(),
                c.chipProgram() != null ? ", chip " + c.chipProgram() + " seed " + c.chipSeed() : "");
    }
}
