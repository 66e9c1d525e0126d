package io.memtile.sim;

import io.memtile.core.MemtileException;
import io.memtile.core.target.NonIdealities;
import java.util.Locale;

/**
 * Command-line switches for the non-idealities: each is {@code on} (the target's value), {@code off}
 * (zero) or a number (that value). {@code on} for a non-ideality the target sets to zero is an error
 * naming the option, since there is no value to switch on.
 */
public final class Overrides {
    private Overrides() {}

    /**
     * @param base   the target's non-idealities
     * @param ideal  --ideal: everything off (explicit per-item options still apply on top)
     * @param d2d    --d2d, or null to keep
     * @param read   --read-noise, or null
     * @param stuck  --stuck, or null
     * @param drift  --drift (tau in s), or null
     * @param irDrop --ir-drop on|off, or null
     */
    public static NonIdealities apply(NonIdealities base, boolean ideal, String d2d, String read, String stuck, String drift,
                                      String irDrop) {
        NonIdealities b = ideal ? NonIdealities.ideal() : base;
        double sd = value("--d2d", d2d, b.d2dSigma(), base.d2dSigma(), 0, 2);
        double rn = value("--read-noise", read, b.readNoiseSigma(), base.readNoiseSigma(), 0, 1);
        double st = value("--stuck", stuck, b.stuckAtRate(), base.stuckAtRate(), 0, 0.5);
        double dr = value("--drift", drift, b.driftTau(), base.driftTau(), 0, Double.MAX_VALUE);
        boolean ir = b.wireResistance();
        if (irDrop != null) {
            String s = irDrop.trim().toLowerCase(Locale.ROOT);
            if (s.equals("on") || s.equals("true")) ir = true;
            else if (s.equals("off") || s.equals("false")) ir = false;
            else throw new MemtileException("--ir-drop", null, "must be on or off, got '" + irDrop + "'");
        }
        double onFrac = base.stuckOnFraction();
        double ff = b.fieldFailureRate(); // no switch of its own yet: follows the target, off with --ideal
        return new NonIdealities(sd, rn, st, st > 0 || ff > 0 ? onFrac : 0, dr, ir, ff);
    }

    private static double value(String opt, String s, double current, double targetValue, double lo, double hi) {
        if (s == null) return current;
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("off") || t.equals("false")) return 0;
        if (t.equals("on") || t.equals("true")) {
            if (targetValue <= 0) {
                throw new MemtileException(opt, null, "the target sets this non-ideality to 0, so 'on' has no value; give one, e.g. "
                        + opt + " 0.05");
            }
            return targetValue;
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new MemtileException(opt, null, "must be on, off or a number, got '" + s + "'");
        }
        if (!Double.isFinite(v) || v < lo || v > hi) throw new MemtileException(opt, null, "must be in [" + lo + ", " + hi + "], got " + s);
        return v;
    }
}
