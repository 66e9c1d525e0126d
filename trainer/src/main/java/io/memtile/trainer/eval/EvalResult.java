package io.memtile.trainer.eval;

/**
 * Test-set figures of a model.
 *
 * @param accuracy        fraction of correctly classified samples (full run: all steps)
 * @param confusion       confusion[true][predicted] counts
 * @param activity        activity[l][t]: fraction of neuron layer l+1's neurons above the half-switch
 *                        level after step t (per {@link io.memtile.trainer.engine.SpikeCriterion}),
 *                        averaged over samples
 * @param n               samples evaluated
 * @param actionPotentials per neuron layer: action potentials per neuron per inference
 *                        ({@link io.memtile.trainer.activity.ActionPotentialCriterion})
 * @param apTimeShare     per neuron layer: fraction of neuron-steps spent inside an action potential
 * @param early           the early-decision rule applied to the same forward passes
 */
public record EvalResult(double accuracy, int[][] confusion, double[][] activity, int n, double[] actionPotentials,
                         double[] apTimeShare, EarlyDecisionSummary early) {
    /** Mean over steps of the spiking fraction of weight layer l's output neurons. */
    public double meanActivity(int l) {
        double s = 0;
        for (double a : activity[l]) s += a;
        return activity[l].length == 0 ? 0 : s / activity[l].length;
    }

    public int correct() {
        int c = 0;
        for (int k = 0; k < confusion.length; k++) c += confusion[k][k];
        return c;
    }

    /**
     * What the early-decision rule did on these samples.
     *
     * @param rule          the rule as text
     * @param accuracy      accuracy when every inference stops at its decision (or runs to the end if the rule never fires)
     * @param decided       samples on which the rule fired
     * @param meanSteps     mean steps run per inference (decision step + 1, or all steps)
     * @param medianSteps   median of the same
     */
    public record EarlyDecisionSummary(String rule, double accuracy, int decided, double meanSteps, double medianSteps) {}
}
