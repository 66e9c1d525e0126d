package io.memtile.trainer.energy;

import io.memtile.physics.driver.WordLineDriver;
import java.util.Arrays;

/**
 * The float32 twin of {@link DriveEnergyTerm} for {@code FloatLaneBptt}: the same term and adjoint, with the
 * per-lane sums in double (in neuron order, like every loss the float engine reports) and the adjoint in float.
 */
public final class FloatDriveEnergyTerm {
    private final double weight;
    private final WordLineDriver driver;
    private final int hidden;
    private final int[] widths;
    private final int lanes;
    private final int steps;
    private final double[][] sum;
    private final double[] laneLoss;

    public FloatDriveEnergyTerm(double weight, WordLineDriver driver, int[] widths, int lanes, int steps) {
        this.weight = weight;
        this.driver = driver;
        this.hidden = widths.length - 1;
        this.widths = widths.clone();
        this.lanes = lanes;
        this.steps = steps;
        sum = new double[hidden][lanes];
        laneLoss = new double[lanes];
    }

    public void begin() {
        for (double[] s : sum) Arrays.fill(s, 0);
    }

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

    public void finish(int used) {
        for (int b = 0; b < lanes; b++) {
            double t = 0;
            if (b < used) for (int l = 0; l < hidden; l++) t += weight * sum[l][b] / ((double) steps * widths[l]);
            laneLoss[b] = t;
        }
    }

    public double loss(int b) { return laneLoss[b]; }

    public double meanSquare(int l, int b) { return sum[l][b] / ((double) steps * widths[l]); }

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
