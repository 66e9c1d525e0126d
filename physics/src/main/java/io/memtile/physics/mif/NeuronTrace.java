package io.memtile.physics.mif;

/**
 * A single-neuron trajectory sampled at the step boundaries t_k = k dt, k = 0..steps: row k holds
 * the state at t_k (row 0 is the initial state) and {@code current[k]}, the input held over
 * [t_k, t_k + dt). Arrays, not a record per row, because a trace is consumed column-wise (plots,
 * RMS against SPICE) and a 1,000-step trace should not be 1,000 objects.
 *
 * @param dt      step (s)
 * @param v       membrane voltage (V)
 * @param x1      state of M1 (0..1)
 * @param x2      state of M2 (0..1)
 * @param g1      conductance of M1 (S)
 * @param g2      conductance of M2 (S)
 * @param current input current over the following step (A)
 */
public record NeuronTrace(double dt, double[] v, double[] x1, double[] x2, double[] g1, double[] g2, double[] current) {

    /** Number of steps simulated (rows - 1). */
    public int steps() { return v.length - 1; }

    /** Time of row k (s). */
    public double time(int k) { return k * dt; }
}
