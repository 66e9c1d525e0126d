package io.memtile.trainer.engine;

/**
 * One thread's batch-lane workspace for the forward pass and exact BPTT of a group of samples, in
 * some {@link Precision}: {@link LaneBptt} (float64, the reference) or {@link FloatLaneBptt}
 * (float32). Every lane is an independent sample whose arithmetic does not depend on the group, the
 * lane position, the thread or the SIMD/scalar choice; inputs, weights and gradients cross this
 * interface in double.
 */
public interface LaneEngine {
    int lanes();

    Network network();

    Precision precision();

    /** Samples loaded by the last {@link #load}. */
    int count();

    /** Writes sample lane b's input (length = inputs). */
    void setInput(int b, double[] p);

    /** Writes sample {@code s} of the binned event frames as lane b's (time-varying) input. */
    void setFrames(int b, io.memtile.datasets.events.SparseFrames f, int s);

    /** Input bins of the loaded group (1 for static input). */
    int bins();

    /**
     * Adds the activity term to every lane's training loss (null or weight 0: none): forward
     * accumulation after each hidden layer's step, its adjoint added to dL/dV in the reverse sweep.
     */
    void activity(io.memtile.trainer.activity.ActivityTarget t);

    /** Smooth action potentials per neuron of hidden layer l, lane b, of the last training forward pass with an activity term. */
    double smoothCount(int l, int b);

    /** Sets how many lanes carry samples and their labels; the others get zero input and no loss. */
    void load(int count, int[] y);

    /** Runs the loaded lanes; with {@code train} records the tape for {@link #backward}. */
    void forward(double[][][] w, boolean train);

    /** Summed-over-time loss of lane b after a training forward pass. */
    double loss(int b);

    int predict(int b);

    /** Readout score of class k for lane b. */
    double score(int k, int b);

    /** Membrane voltage of neuron j of weight layer l for lane b after step t. */
    double voltage(int l, int t, int j, int b);

    /** Number of spiking (neuron, loaded lane) pairs of layer l after step t. */
    int spikes(int l, int t, SpikeCriterion c);

    /** Reverse sweep of the last training forward pass, each lane's loss weighted by {@code scale}. */
    void backward(double[][][] w, double scale);

    /** scale * dL_b/d(W0 p_b) * coeff0 of lane b, neuron j. */
    double inputGradient(int j, int b);

    /** d/d(W0 x_k) of input bin k (times coeff0 and the loss scale) of lane b, neuron j. */
    double inputGradient(int k, int j, int b);

    /** Copies the per-lane gradient of weight layer l &gt;= 1 into dst[j][i * lanes + b]. */
    void copyLaneGradient(int l, double[][] dst);
}
