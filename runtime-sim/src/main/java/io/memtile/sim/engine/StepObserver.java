package io.memtile.sim.engine;

/**
 * A hook into {@link SampleEngine}'s per-sample loop: told when a sample starts, after every time
 * step (with the post-step membrane voltages and the sample's energy record so far) and when it
 * ends. Kept outside the engine so that measurements (action potentials, early decision) do not
 * live inside the hot loop's code. One instance per engine (thread); must not allocate per step.
 */
public interface StepObserver {
    /** Sample {@code index} starts; per-sample outputs go to {@code out} at that sample's slots. */
    void begin(int index, SimArrays out);

    /**
     * After step t. {@code v[l][j]}: membrane voltage of neuron j of neuron layer l+1 after the step;
     * {@code energy[eBase .. eBase + energySlots)}: this sample's energy record including step t.
     */
    void step(int t, double[][] v, double[] energy, int eBase);

    /** The sample is complete. */
    void end();

    /** Observes nothing. */
    StepObserver NONE = new StepObserver() {
        @Override public void begin(int index, SimArrays out) {}
        @Override public void step(int t, double[][] v, double[] energy, int eBase) {}
        @Override public void end() {}
    };
}
