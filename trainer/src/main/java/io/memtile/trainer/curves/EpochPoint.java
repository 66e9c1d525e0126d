package io.memtile.trainer.curves;

/**
 * One completed epoch.
 *
 * @param epoch         1-based epoch number
 * @param trainLoss     mean training loss over the epoch (as the trainer logs it)
 * @param trainAccuracy fraction of training samples classified correctly during the epoch
 * @param testAccuracy  test-set accuracy after the epoch, -1 without a test set
 * @param testSamples   test samples evaluated (0 without a test set)
 * @param activity      per neuron layer (1 = first hidden): mean fraction of its neurons spiking per step on the
 *                      test set (SpikeCriterion); empty without a test set
 * @param wallSeconds   training wall time up to the end of this epoch (s), resumed runs included
 */
public record EpochPoint(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, int testSamples, double[] activity,
                         double wallSeconds) {
    public boolean hasTest() {
        return testAccuracy >= 0;
    }

    /** Percentages for the text table in {@code memtile eval}. */
    public double trainAccuracyPct() { return 100 * trainAccuracy; }

    public double testAccuracyPct() { return 100 * testAccuracy; }

    public double[] activityPct() {
        double[] a = activity.clone();
        for (int i = 0; i < a.length; i++) a[i] *= 100;
        return a;
    }
}
