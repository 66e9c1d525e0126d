package io.memtile.trainer.eval;

/**
 * Test-set figures of a model.
 *
 * @param accuracy  fraction of correctly classified samples
 * @param confusion confusion[true][predicted] counts
 * @param activity  activity[l][t]: fraction of neuron layer l+1's neurons spiking after step t
 *                  (per {@link io.memtile.trainer.engine.SpikeCriterion}), averaged over samples
 * @param n         samples evaluated
 */
public record EvalResult(double accuracy, int[][] confusion, double[][] activity, int n) {
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
}
