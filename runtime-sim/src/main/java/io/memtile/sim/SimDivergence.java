package io.memtile.sim;

import io.memtile.compiler.program.TileProgram;
import io.memtile.core.MemtileException;
import io.memtile.sim.engine.SimArrays;
import java.util.Locale;

/**
 * A non-finite energy or word-line statistic of a sample means its membrane states diverged (every
 * energy term integrates V or V^2): the run stops with one line naming the likely cause, instead of
 * reporting 10 % accuracy from NaN voltages.
 */
public final class SimDivergence {
    private SimDivergence() {}

    public static void check(TileProgram p, SimArrays a, int sample) {
        boolean ok = true;
        for (int k = sample * a.energySlots, e = k + a.energySlots; ok && k < e; k++) ok = Double.isFinite(a.energy[k]);
        int stride = a.rowStats.length / Math.max(1, a.n);
        for (int k = sample * stride, e = k + stride; ok && k < e; k++) ok = Double.isFinite(a.rowStats[k]);
        if (ok) return;
        String integ = p.network().integrator().toLowerCase(Locale.ROOT).replace('_', '-');
        String amp = String.format(Locale.ROOT, "the input amplitude or layer scales drive the membrane out of range (A0 = %.4g V)",
                p.network().inputAmplitude());
        String cause = integ.startsWith("exponential") ? amp
                : "the " + integ + " integrator is unstable for this membrane (use a model trained with the exponential integrator), or " + amp;
        throw new MemtileException("simulate", null, "diverged: the membrane state became non-finite on sample " + sample + "; likely cause: " + cause);
    }
}
