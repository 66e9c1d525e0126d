package io.memtile.trainer.eval;

import io.memtile.core.MemtileException;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.LaneBptt;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.Parallel;
import io.memtile.trainer.model.ModelArtifact;

/** Accuracy, confusion matrix and spiking activity of a model on a dataset (the reference forward map). */
public final class Evaluator {
    private Evaluator() {}

    /** Evaluates the first {@code limit} samples (all if limit &lt;= 0) on {@code threads} threads. */
    public static EvalResult evaluate(ModelArtifact m, Dataset d, int limit, int threads) {
        Network net = Network.of(m);
        try (Parallel par = new Parallel(threads)) {
            return evaluate(net, m.weights(), d, limit, par);
        }
    }

    /** As above with a resolved network and weights (used by the trainer between epochs). */
    public static EvalResult evaluate(Network net, double[][][] w, Dataset d, int limit, Parallel par) {
        if (d.dim() != net.inputs()) {
            throw new MemtileException(d.name(), "dim", "samples have " + d.dim() + " features but the model has " + net.inputs() + " inputs");
        }
        int classes = net.classes();
        if (d.classes() > classes) {
            throw new MemtileException(d.name(), "classes", "has " + d.classes() + " classes but the model outputs " + classes);
        }
        int n = limit > 0 ? Math.min(limit, d.size()) : d.size();
        int workers = par.threads();
        int[][][] conf = new int[workers][classes][classes];
        long[][][] spikes = new long[workers][net.depth][net.steps];
        // lane groups of consecutive samples (see LaneBptt); groups split over threads
        final int lanes = net.groupLanes();
        final int groups = (n + lanes - 1) / lanes;
        par.forRanges(groups, (wk, gFrom, gTo) -> {
            LaneBptt ws = net.laneWorkspace();
            double[] p = new double[d.dim()];
            int[] y = new int[lanes];
            for (int g = gFrom; g < gTo; g++) {
                int s0 = g * lanes, cnt = Math.min(lanes, n - s0);
                for (int b = 0; b < cnt; b++) {
                    d.sample(s0 + b, p);
                    ws.setInput(b, p);
                    y[b] = d.label(s0 + b);
                }
                ws.load(cnt, y);
                ws.forward(w, false);
                io.memtile.trainer.engine.Divergence.checkForward(ws, d.name(), s0);
                for (int b = 0; b < cnt; b++) conf[wk][y[b]][ws.predict(b)]++;
                for (int l = 0; l < net.depth; l++) {
                    long[] sp = spikes[wk][l];
                    for (int t = 0; t < net.steps; t++) sp[t] += ws.spikes(l, t, net.spike);
                }
            }
        });
        int[][] confusion = new int[classes][classes];
        for (int[][] c : conf) for (int a = 0; a < classes; a++) for (int b = 0; b < classes; b++) confusion[a][b] += c[a][b];
        double[][] activity = new double[net.depth][net.steps];
        for (int l = 0; l < net.depth; l++) {
            double denom = (double) Math.max(1, n) * net.layers[l + 1];
            for (int t = 0; t < net.steps; t++) {
                long s = 0;
                for (long[][] sp : spikes) s += sp[l][t];
                activity[l][t] = s / denom;
            }
        }
        int correct = 0;
        for (int k = 0; k < classes; k++) correct += confusion[k][k];
        return new EvalResult(n == 0 ? 0 : (double) correct / n, confusion, activity, n);
    }
}
