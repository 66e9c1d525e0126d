package io.memtile.trainer.eval;

import io.memtile.core.MemtileException;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.LaneBptt;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.Parallel;
import io.memtile.trainer.activity.ActionPotentialCounter;
import io.memtile.trainer.activity.ActionPotentialCriterion;
import io.memtile.trainer.decision.DecisionTracker;
import io.memtile.trainer.decision.EarlyDecisionRule;
import io.memtile.trainer.decision.RunningReadout;
import io.memtile.trainer.model.ModelArtifact;
import java.util.Arrays;

/**
 * Accuracy, confusion matrix and spiking activity of a model on a dataset (the reference forward map),
 * with action potentials counted and the early-decision rule applied post hoc to the recorded
 * membrane voltages of each forward pass (so the forward pass itself is untouched).
 */
public final class Evaluator {
    private Evaluator() {}

    /** Evaluates the first {@code limit} samples (all if limit &lt;= 0) on {@code threads} threads. */
    public static EvalResult evaluate(ModelArtifact m, Dataset d, int limit, int threads) {
        return evaluate(m, d, limit, threads, EarlyDecisionRule.DEFAULT);
    }

    /** As above with an explicit early-decision rule. */
    public static EvalResult evaluate(ModelArtifact m, Dataset d, int limit, int threads, EarlyDecisionRule rule) {
        Network net = Network.of(m);
        try (Parallel par = new Parallel(threads)) {
            return evaluate(net, m.weights(), d, limit, par, rule);
        }
    }

    /** As above with a resolved network and weights (used by the trainer between epochs). */
    public static EvalResult evaluate(Network net, double[][][] w, Dataset d, int limit, Parallel par) {
        return evaluate(net, w, d, limit, par, EarlyDecisionRule.DEFAULT);
    }

    public static EvalResult evaluate(Network net, double[][][] w, Dataset d, int limit, Parallel par, EarlyDecisionRule rule) {
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
        long[][] aps = new long[workers][net.depth], apSteps = new long[workers][net.depth];
        int[] stepsRun = new int[n];
        boolean[] earlyOk = new boolean[n], decided = new boolean[n];
        ActionPotentialCriterion apc = ActionPotentialCriterion.of(net.target.neuron());
        // lane groups of consecutive samples (see LaneBptt); groups split over threads
        final int lanes = net.groupLanes();
        final int groups = (n + lanes - 1) / lanes;
        par.forRanges(groups, (wk, gFrom, gTo) -> {
            LaneBptt ws = net.laneWorkspace();
            double[] p = new double[d.dim()];
            int[] y = new int[lanes];
            ActionPotentialCounter[] counters = new ActionPotentialCounter[net.depth];
            double[][] vLane = new double[net.depth][];
            for (int l = 0; l < net.depth; l++) {
                counters[l] = new ActionPotentialCounter(apc, net.layers[l + 1]);
                vLane[l] = new double[net.layers[l + 1]];
            }
            DecisionTracker tracker = new DecisionTracker(rule, new RunningReadout(net.readout, net.lossVoltageUnit, classes));
            for (int g = gFrom; g < gTo; g++) {
                int s0 = g * lanes, cnt = Math.min(lanes, n - s0);
                for (int b = 0; b < cnt; b++) {
                    if (d.isEvents()) {
                        ws.setFrames(b, d.frames(), s0 + b);
                    } else {
                        d.sample(s0 + b, p);
                        ws.setInput(b, p);
                    }
                    y[b] = d.label(s0 + b);
                }
                ws.load(cnt, y);
                ws.forward(w, false);
                io.memtile.trainer.engine.Divergence.checkForward(ws, d.name(), s0);
                for (int l = 0; l < net.depth; l++) {
                    long[] sp = spikes[wk][l];
                    for (int t = 0; t < net.steps; t++) sp[t] += ws.spikes(l, t, net.spike);
                }
                // action potentials and the early decision read one lane's voltages at a time
                for (int b = 0; b < cnt; b++) {
                    int s = s0 + b;
                    int pred = ws.predict(b);
                    conf[wk][y[b]][pred]++;
                    for (int l = 0; l < net.depth; l++) {
                        ActionPotentialCounter c = counters[l];
                        c.reset();
                        for (int t = 0; t < net.steps; t++) c.step(laneVoltages(ws, l, t, b, vLane[l]));
                        aps[wk][l] += c.actionPotentials();
                        apSteps[wk][l] += c.stepsInActionPotential();
                    }
                    int out = net.depth - 1;
                    tracker.reset();
                    for (int t = 0; t < net.steps && !tracker.decided(); t++) tracker.step(t, laneVoltages(ws, out, t, b, vLane[out]));
                    decided[s] = tracker.decided();
                    stepsRun[s] = tracker.decided() ? tracker.decidedStep() + 1 : net.steps;
                    earlyOk[s] = (tracker.decided() ? tracker.prediction() : pred) == y[b];
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
        double[] apPerNeuron = new double[net.depth], apShare = new double[net.depth];
        for (int l = 0; l < net.depth; l++) {
            long a = 0, st = 0;
            for (int k = 0; k < workers; k++) { a += aps[k][l]; st += apSteps[k][l]; }
            double neuronInferences = (double) Math.max(1, n) * net.layers[l + 1];
            apPerNeuron[l] = a / neuronInferences;
            apShare[l] = st / (neuronInferences * net.steps);
        }
        return new EvalResult(n == 0 ? 0 : (double) correct / n, confusion, activity, n, apPerNeuron, apShare,
                earlySummary(rule, earlyOk, decided, stepsRun));
    }

    /** Lane b's membrane voltages of weight layer l after step t, gathered into {@code into}. */
    private static double[] laneVoltages(LaneBptt ws, int l, int t, int b, double[] into) {
        for (int j = 0; j < into.length; j++) into[j] = ws.voltage(l, t, j, b);
        return into;
    }

    static EvalResult.EarlyDecisionSummary earlySummary(EarlyDecisionRule rule, boolean[] ok, boolean[] decided, int[] stepsRun) {
        int n = ok.length, good = 0, dec = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (ok[i]) good++;
            if (decided[i]) dec++;
            sum += stepsRun[i];
        }
        int[] sorted = stepsRun.clone();
        Arrays.sort(sorted);
        double median = n == 0 ? 0 : (n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]));
        return new EvalResult.EarlyDecisionSummary(rule.describe(), n == 0 ? 0 : (double) good / n, dec, n == 0 ? 0 : sum / n, median);
    }
}
