package io.memtile.sim.ann;

import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.datasets.Dataset;
import io.memtile.sim.chip.LayerOperator;
import io.memtile.sim.engine.EngineSpec;
import io.memtile.sim.result.SimResult;

/**
 * Runs the chip's programmed weights as a non-spiking {@code bits}-bit ANN: the honest baseline for
 * MEMprop's energy (same tiles, same conductances, digital neurons instead of MIF neurons).
 *
 * <p>Per inference: input pixels through {@code bits}-bit DACs onto the word lines (x in [0, 1] of
 * full scale), one VMM per weight layer (the layer operator's transfer, IR drop and variation of this
 * chip instance included), each output pair read by a {@code bits}-bit ADC over a full-scale range
 * calibrated on the first samples (max |pre-activation|, the usual static ADC range setting).
 * The digital neuron then applies what the MIF neuron computes on average: its DC transfer
 * ({@link QuasiStaticMif}) at the spiking network's time-averaged current (first layer:
 * inputAmplitude · mean(alpha) · gain · pre-activation; later layers: gain · W · V, with V the upstream
 * quasi-static membrane voltages, raw as in the spiking network). Its output is re-scaled to [0, 1]
 * of the next layer's DAC range (calibrated likewise); the class is the argmax of the last layer's
 * pre-activation (the transfer is monotone). Deterministic (read noise is not modelled here).
 *
 * <p>A bit-line reference of the spiking program ({@code LayerOperator.vRef}) is not applied: this baseline is a
 * different deployment of the same array transfer, driven by DACs from 0 V, so it reads the arrays with their
 * bit lines at 0 V and needs no compensation current.
 *
 * <p>Energy is not computed here but measured as loads: sum_rows x_r^2 S_r per layer, which the
 * report turns into Joules with the target's read voltage and the VMM's duration.
 */
public final class AnnBaselineRun {
    /** Samples used to set each layer's ADC full-scale range. */
    public static final int CALIBRATION_SAMPLES = 100;

    private AnnBaselineRun() {}

    public static SimResult.AnnBaseline run(TileProgram p, EngineSpec spec, Dataset d, int n, int bits) {
        LayerOperator[] ops = spec.ops;
        int depth = ops.length;
        double meanAlpha = 0;
        for (double a : spec.alpha) meanAlpha += a;
        meanAlpha /= spec.alpha.length;
        Activation act = new Activation(new QuasiStaticMif(spec.neuron), spec.inputAmplitude * meanAlpha, spec.driver);
        int classes = ops[depth - 1].outputs();
        double levels = (1 << bits) - 1;
        // ADC full scale per layer from the calibration samples (floating point, then frozen)
        double[] fullScale = new double[depth];
        double[] dacScale = new double[depth];
        act.dacScale(dacScale);
        int cal = Math.min(n, CALIBRATION_SAMPLES);
        double[] p0 = new double[d.dim()];
        // layer by layer: layer l's range is set with layers < l already quantised as they will run
        for (int l = 0; l < depth; l++) {
            double m = 0;
            for (int i = 0; i < cal; i++) {
                d.sample(i, p0);
                double[][] pre = forward(ops, p0, fullScale, dacScale, act, levels, null);
                for (double a : pre[l]) m = Math.max(m, Math.abs(a));
            }
            fullScale[l] = m > 0 ? m : 1;
            if (l + 1 < depth) {
                double h = 0;
                for (int i = 0; i < cal; i++) {
                    d.sample(i, p0);
                    double[][] pre = forward(ops, p0, fullScale, dacScale, act, levels, null);
                    for (double a : pre[l]) h = Math.max(h, Math.abs(act.apply(l, ops[l].gain(), a)));
                }
                dacScale[l] = h > 0 ? h : 1;
            }
        }
        int[][] confusion = new int[classes][classes];
        int correct = 0;
        double[] drive = new double[depth];
        for (int i = 0; i < n; i++) {
            d.sample(i, p0);
            double[][] pre = forward(ops, p0, fullScale, dacScale, act, levels, drive);
            double[] out = pre[depth - 1];
            int best = 0;
            for (int k = 1; k < classes; k++) if (out[k] > out[best]) best = k;
            int y = d.label(i);
            confusion[y][best]++;
            if (y == best) correct++;
        }
        for (int l = 0; l < depth; l++) drive[l] /= Math.max(1, n);
        long[] rows = new long[depth], cols = new long[depth];
        for (int l = 0; l < depth; l++) rows[l] = ops[l].rowInput().length;
        for (TileImage t : p.tiles()) {
            for (Block b : t.blocks()) {
                if (b.layer() < 0 || b.layer() >= depth) continue;
                for (int c : b.plusCols()) if (c >= 0) cols[b.layer()]++;
                for (int c : b.minusCols()) if (c >= 0) cols[b.layer()]++;
            }
        }
        SimResult.Accuracy acc = new SimResult.Accuracy(n, correct, n == 0 ? 0 : (double) correct / n, confusion);
        return new SimResult.AnnBaseline(bits, acc, drive, rows, cols);
    }

    /**
     * One inference; returns the pre-activations per layer (ADC-quantised where {@code fullScale[l] > 0},
     * i.e. once that layer's range is calibrated) and adds each layer's sum_rows x_r^2 S_r to {@code drive} when non-null.
     */
    static double[][] forward(LayerOperator[] ops, double[] p, double[] fullScale, double[] dacScale, Activation act, double levels,
                              double[] drive) {
        int depth = ops.length;
        double[][] pre = new double[depth][];
        double[] x = new double[p.length];
        for (int i = 0; i < p.length; i++) x[i] = quantise(Math.max(0, Math.min(1, p[i])), levels);
        for (int l = 0; l < depth; l++) {
            LayerOperator op = ops[l];
            int nin = op.inputs(), nout = op.outputs();
            double[] w = op.w();
            double[] a = new double[nout];
            for (int j = 0; j < nout; j++) {
                double acc = 0;
                int base = j * nin;
                for (int i = 0; i < nin; i++) acc += w[base + i] * x[i];
                if (fullScale[l] > 0) {
                    // signed bits-bit ADC over [-FS, FS], clipped
                    double u = Math.max(-1, Math.min(1, acc / fullScale[l]));
                    acc = Math.round(u * levels / 2) / (levels / 2) * fullScale[l];
                }
                a[j] = acc;
            }
            if (drive != null) {
                int[] ri = op.rowInput();
                double[] rs = op.rowS();
                double s = 0;
                for (int k = 0; k < ri.length; k++) s += x[ri[k]] * x[ri[k]] * rs[k];
                drive[l] += s;
            }
            pre[l] = a;
            if (l + 1 < depth) {
                double fs = dacScale[l] > 0 ? dacScale[l] : 1;
                x = new double[nout];
                for (int j = 0; j < nout; j++) x[j] = quantise(Math.max(0, Math.min(1, act.apply(l, op.gain(), a[j]) / fs)), levels);
            }
        }
        return pre;
    }

    static double quantise(double u, double levels) { return Math.round(u * levels) / levels; }

    /**
     * The digital neuron: quasi-static MIF voltage at the spiking network's mean current. Layer 0's
     * pre-activation is in units of the unit-amplitude pixel drive, so it is scaled by the mean alpha
     * amplitude; later layers see the upstream voltages, which the DAC codes represent as a fraction
     * of dacScale, so their pre-activation is scaled back by it.
     */
    static final class Activation {
        private final QuasiStaticMif mif;
        private final double alphaMean;
        private double[] dacScale = new double[0];
        /** The spiking network's word-line driver (null: none), applied to the hidden voltage as in that network. */
        private final io.memtile.physics.driver.WordLineDriver driver;

        Activation(QuasiStaticMif mif, double alphaMean, io.memtile.physics.driver.WordLineDriver driver) {
            this.mif = mif;
            this.alphaMean = alphaMean;
            this.driver = driver;
        }

        void dacScale(double[] s) { this.dacScale = s; }

        double apply(int layer, double gain, double pre) {
            double unit = layer == 0 ? alphaMean : (layer - 1 < dacScale.length && dacScale[layer - 1] > 0 ? dacScale[layer - 1] : 1);
            double v = mif.voltage(gain * unit * pre);
            return driver == null ? v : driver.apply(v);
        }
    }
}
