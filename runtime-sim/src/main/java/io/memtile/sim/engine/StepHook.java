package io.memtile.sim.engine;

/**
 * Called by {@link SampleEngine} after every time step of a sample, once all layers have advanced
 * and the readout has been updated: the place for per-step measurements and for stopping a sample
 * early.
 */
@FunctionalInterface
public interface StepHook {
    /**
     * @param sample index of the sample
     * @param t      step just completed
     * @param v      membrane voltages after step t, [weight layer][neuron] (read-only)
     * @return true to end this sample after step t
     */
    boolean afterStep(int sample, int t, double[][] v);
}
