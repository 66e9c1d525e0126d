package io.memtile.compiler.check;

import io.memtile.compiler.levels.LevelUsePass;
import io.memtile.compiler.map.DifferentialLayer;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.LevelUse;
import io.memtile.compiler.program.TileProgram;
import io.memtile.trainer.model.ModelArtifact;
import java.util.List;

/**
 * {@code layers[].levelUse} (pass "levels"): the record must be consistent in itself and, when the model is given,
 * recompute exactly from the model's weights and the layer's recorded range and column scales: the 99th-percentile
 * active level, the number of clipped weights and their error. Why: a clipped weight is the one place where the
 * program deliberately departs from the trained weight, and the record is what tells the user how far.
 */
public final class LevelUseCheck implements ProgramAspect {
    /** Relative tolerance of the recomputed clip errors (the same sums in the same order; only JSON round trips differ). */
    static final double REL = 1e-9;

    @Override
    public String name() { return "level use"; }

    @Override
    public void check(TileProgram p, ModelArtifact model, List<String> v) {
        int n = p.provenance().switches();
        for (int l = 0; l < p.layers().size(); l++) {
            LayerMapping lm = p.layers().get(l);
            LevelUse u = lm.levelUse();
            if (u == null) continue;
            String f = "layers[" + l + "].levelUse";
            if (u.targetLevel() < 1 || u.targetLevel() > n) v.add(f + ".targetLevel: is " + u.targetLevel() + ", must be in [1, " + n + "]");
            if (!(u.factor() >= 1) || !Double.isFinite(u.factor())) v.add(f + ".factor: is " + u.factor() + ", must be finite and >= 1");
            if (u.p99Level() < 0 || u.p99Level() > n) v.add(f + ".p99Level: is " + u.p99Level() + ", must be in [0, " + n + "]");
            // the pass raises the scale by the smallest factor that reaches the target, so a raised layer sits exactly on it
            if (u.factor() > 1 && u.p99Level() != u.targetLevel()) {
                v.add(f + ".p99Level: is " + u.p99Level() + " but the range scale was raised (factor " + u.factor() + "), which stops at the target " + u.targetLevel());
            }
            if (u.factor() == 1 && u.p99Level() > 0 && u.p99Level() < u.targetLevel()) {
                v.add(f + ".p99Level: is " + u.p99Level() + ", below the target " + u.targetLevel() + ", but the range scale was not raised");
            }
            long weights = (long) lm.inputs() * lm.outputs();
            if (u.clipped() < 0 || u.clipped() > weights) v.add(f + ".clipped: is " + u.clipped() + ", must be in [0, " + weights + "]");
            if (!(u.clipRmsError() >= 0) || !(u.clipMaxError() >= u.clipRmsError() * (1 - REL)) || !Double.isFinite(u.clipMaxError())) {
                v.add(f + ".clipRmsError: " + u.clipRmsError() + " and clipMaxError " + u.clipMaxError() + " must be finite with 0 <= RMS <= max");
            }
            if (u.clipped() == 0 && (u.clipRmsError() != 0 || u.clipMaxError() != 0)) v.add(f + ": no clipped weights but a clip error");
            if (model == null || l >= model.weights().length) continue;
            double[][] w = model.weights()[l];
            if (w.length != lm.outputs() || (w.length > 0 && w[0].length != lm.inputs())) continue; // the structure check reports it
            double[] sc = new double[lm.outputs()];
            for (int o = 0; o < sc.length; o++) sc[o] = lm.scale(o);
            DifferentialLayer d = new DifferentialLayer(l, lm.inputs(), lm.outputs(), lm.gOff(), lm.gOff() + lm.gUnit(), lm.gUnit(), lm.currentGain(),
                    lm.drive(), w, lm.scale(), sc);
            LevelUse want = LevelUsePass.measure(d, u.targetLevel(), u.factor(), n);
            if (want.p99Level() != u.p99Level()) v.add(f + ".p99Level: is " + u.p99Level() + " but the model's weights at the recorded scales give " + want.p99Level());
            if (want.clipped() != u.clipped()) v.add(f + ".clipped: is " + u.clipped() + " but the model's weights at the recorded scales clip " + want.clipped());
            if (!close(want.clipRmsError(), u.clipRmsError()) || !close(want.clipMaxError(), u.clipMaxError())) {
                v.add(f + ".clipRmsError/clipMaxError: are " + u.clipRmsError() + "/" + u.clipMaxError() + " but the model gives "
                        + want.clipRmsError() + "/" + want.clipMaxError());
            }
        }
    }

    private static boolean close(double a, double b) { return Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b)) + 1e-300; }
}
