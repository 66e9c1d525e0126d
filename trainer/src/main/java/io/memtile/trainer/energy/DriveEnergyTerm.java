package io.memtile.trainer.energy;

import io.memtile.physics.driver.WordLineDriver;
import java.util.Arrays;

/**
 * The drive-energy term of the training loss ({@code --drive-energy-weight μ}): per sample,
 * {@code μ Σ_l (1/(T n_l)) Σ_t Σ_j d(V_l,j(t))^2}, the mean square word-line voltage (V²) that each hidden layer l
 * puts on the next crossbar, d the word-line driver (identity without one).
 *
 * <p>Why: a membrane-driven word line dissipates d(V)² G per cell, so this mean is that layer's crossbar heat per
 * unit of row conductance and time. In the spiking regime the hidden membranes swing far from 0 V (inhibited neurons
 * sit at several hundred mV below it) and that heat, not the spikes, sets the chip's energy (docs/notes/issue-9-s5.md).
 * The term lets training trade accuracy against it with exact gradients: its adjoint at step t is
 * {@code 2 μ d(V) d'(V) / (T n_l)}, added to dL/dV_l(after step t) before that step's MIF adjoint, where d' is the
 * driver's derivative (1 between the rails, 0 outside). One instance serves either engine: the per-lane sums are
 * double for both (in neuron order, like every loss the engines report); the hooks take the engine's double (LaneBptt)
 * or float (FloatLaneBptt) voltages, and the float adjoint is added in float.
 */
public final class DriveEnergyTerm {
    private final double weight;
    private final WordLineDriver driver;
    private final int hidden;
    private final int[] widths;
    private final int lanes;
    private final int steps;
    /** Per hidden layer and lane: Σ_t Σ_j d(V)² of the current forward pass. */
    private final double[][] sum;
    private final double[] laneLoss;

    /**
     * @param widths widths of every neuron layer; the last (the readout) drives no word lines and carries no term
     */
    public DriveEnergyTerm(double weight, WordLineDriver driver, int[] widths, int lanes, int steps) {
        this.weight = weight;
        this.driver = driver;
        this.hidden = widths.length - 1;
        this.widths = widths.clone();
        this.lanes = lanes;
        this.steps = steps;
        sum = new double[hidden][lanes];
        laneLoss = new double[lanes];
    }

    /** Forward hook before step 0. */
    public void begin() {
        for (double[] s : sum) Arrays.fill(s, 0);
    }

    /** Forward hook after step t of hidden layer l: {@code v} holds its membrane voltages [neuron][lane]. */
    public void accumulate(int l, double[] v) {
        double[] s = sum[l];
        int n = widths[l];
        for (int j = 0; j < n; j++) {
            int base = j * lanes;
            for (int b = 0; b < lanes; b++) {
                double x = driver == null ? v[base + b] : driver.apply(v[base + b]);
                s[b] += x * x;
            }
        }
    }

    /** {@link #accumulate(int, double[])} for the float32 engine's voltages. */
    public void accumulate(int l, float[] v) {
        double[] s = sum[l];
        int n = widths[l];
        for (int j = 0; j < n; j++) {
            int base = j * lanes;
            for (int b = 0; b < lanes; b++) {
                double x = driver == null ? v[base + b] : driver.apply(v[base + b]);
                s[b] += x * x;
            }
        }
    }

    /** Forward hook at the end: the per-lane term for lanes b &lt; {@code used}. */
    public void finish(int used) {
        for (int b = 0; b < lanes; b++) {
            double t = 0;
            if (b < used) for (int l = 0; l < hidden; l++) t += weight * sum[l][b] / ((double) steps * widths[l]);
            laneLoss[b] = t;
        }
    }

    /** The term's value for lane b (after {@link #finish}). */
    public double loss(int b) { return laneLoss[b]; }

    /** Mean square word-line voltage (V²) of hidden layer l, lane b, over the pass (after {@link #finish}). */
    public double meanSquare(int l, int b) { return sum[l][b] / ((double) steps * widths[l]); }

    /** Backward hook at step t: adds laneScale[b] · dTerm/dV_l(after step t) into {@code gV}; {@code v} = V_l(after step t). */
    public void addAdjoint(int l, double[] v, double[] gV, double[] laneScale) {
        int n = widths[l];
        double k = 2 * weight / ((double) steps * n);
        for (int j = 0; j < n; j++) {
            int base = j * lanes;
            for (int b = 0; b < lanes; b++) {
                double x = v[base + b];
                if (driver == null || driver.follows(x)) gV[base + b] += k * laneScale[b] * x; // d(V) = V where it follows
            }
        }
    }

    /** {@link #addAdjoint(int, double[], double[], double[])} in float, for the float32 engine. */
    public void addAdjoint(int l, float[] v, float[] gV, float[] laneScale) {
        int n = widths[l];
        float k = (float) (2 * weight / ((double) steps * n));
        for (int j = 0; j < n; j++) {
            int base = j * lanes;
            for (int b = 0; b < lanes; b++) {
                float x = v[base + b];
                if (driver == null || driver.follows(x)) gV[base + b] += k * laneScale[b] * x;
            }
        }
    }
}
