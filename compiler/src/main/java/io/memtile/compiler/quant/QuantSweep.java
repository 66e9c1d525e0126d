package io.memtile.compiler.quant;

import io.memtile.compiler.QuantSweepPoint;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.eval.EvalResult;
import io.memtile.trainer.eval.Evaluator;
import io.memtile.trainer.model.ModelArtifact;
import java.util.ArrayList;
import java.util.List;

/**
 * What quantisation to N switches costs in accuracy: each N's jointly optimal pair levels are
 * turned back into normalised weights (l+ - l-)/N and evaluated by the trainer's Evaluator on the
 * same samples as the unquantised model.
 */
public final class QuantSweep {
    private QuantSweep() {}

    public static ModelArtifact quantised(ModelArtifact m, int n) {
        double[][][] w = new double[m.weights().length][][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new double[m.weights()[l].length][];
            for (int o = 0; o < w[l].length; o++) {
                double[] src = m.weights()[l][o];
                double[] dst = w[l][o] = new double[src.length];
                for (int i = 0; i < src.length; i++) dst[i] = QuantizePass.bestDifference(src[i], n) / (double) n;
            }
        }
        return new ModelArtifact(m.schemaVersion(), m.network(), m.target(), w, m.training(), m.metrics(), m.hwAware());
    }

    static double rms(ModelArtifact a, ModelArtifact b) {
        double s = 0;
        long c = 0;
        for (int l = 0; l < a.weights().length; l++) {
            for (int o = 0; o < a.weights()[l].length; o++) {
                for (int i = 0; i < a.weights()[l][o].length; i++) {
                    double e = a.weights()[l][o][i] - b.weights()[l][o][i];
                    s += e * e;
                    c++;
                }
            }
        }
        return Math.sqrt(s / c);
    }

    public static List<QuantSweepPoint> run(ModelArtifact m, Dataset d, String spec, int[] switches, int limit, int threads) {
        EvalResult base = Evaluator.evaluate(m, d, limit, threads);
        List<QuantSweepPoint> out = new ArrayList<>();
        for (int n : switches) {
            ModelArtifact q = quantised(m, n);
            EvalResult r = Evaluator.evaluate(q, d, limit, threads);
            out.add(new QuantSweepPoint(n, rms(m, q), r.accuracy(), base.accuracy(), r.n(), spec));
        }
        return out;
    }
}
