package io.memtile.cli;

import io.memtile.core.MemtileException;
import io.memtile.trainer.decision.EarlyDecisionRule;

/** Turns the --early-margin / --early-hold options of eval and simulate into one rule (same defaults). */
final class EarlyOptions {
    private EarlyOptions() {}

    static EarlyDecisionRule rule(Double margin, Integer hold) {
        double m = margin == null ? EarlyDecisionRule.DEFAULT_MARGIN : margin;
        int h = hold == null ? EarlyDecisionRule.DEFAULT_HOLD_STEPS : hold;
        if (h < 0) throw new MemtileException("--early-hold", null, "must be >= 0 (0 = off), got " + h);
        if (h > 0 && !(m > 0 && Double.isFinite(m))) throw new MemtileException("--early-margin", null, "must be > 0, got " + m);
        return h == 0 ? EarlyDecisionRule.OFF : new EarlyDecisionRule(m, h);
    }
}
