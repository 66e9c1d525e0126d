package io.memtile.trainer.model;

import io.memtile.core.target.Target;

/**
 * Default network configuration for a target: the paper's 784-100-10 with 1,000 steps of the
 * target's dt and alpha injection every 100 steps. The unknown circuit factors of the paper
 * (alpha amplitude, per-layer attenuation) are named parameters; their defaults were chosen by
 * training experiments (see the README's training table).
 */
public final class NetworkConfigs {
    /**
     * Alpha-generator row-voltage amplitude for a pixel of intensity 1 (V). 0.1 V stays below the
     * tile's read-voltage limit (0.2 V) and far below the synapse's switching threshold (0.27 V), so
     * inference never disturbs the programmed weights.
     */
    public static final double DEFAULT_INPUT_AMPLITUDE = 0.1;
    /**
     * Attenuation of the first layer's crossbar current. Only A0/s1 matters to the forward map. 3.3 (A0/s1 = 0.03 V):
     * the spiking regime of the paper (issue 9). At the earlier 33 the trained currents stay far below the ~80 uA a MIF
     * neuron needs to cross V_on, so no hidden neuron ever fires an action potential and the network runs as an analog
     * low-pass one, whatever the activity term's weight; a ten times stronger drive with a smaller initialisation
     * (TrainDefaults.INIT_SCALE) and the activity term puts the hidden layer at 0.1-0.5 action potentials per neuron
     * per inference. The measured trade-off (accuracy, action potentials, chip energy) is the README's table
     * "Spiking defaults"; {@link #ANALOG_SCALE_1} is one option away ({@code --layer-scales 33,100}).
     */
    public static final double DEFAULT_SCALE_1 = 3.3;
    /** The first-layer attenuation of the analog (non-spiking) regime, the default before issue 9. */
    public static final double ANALOG_SCALE_1 = 33.0;
    /** Attenuation of the second layer's crossbar current. */
    public static final double DEFAULT_SCALE_2 = 100.0;
    /** Logit unit: millivolts, as in the authors' code. */
    public static final double DEFAULT_LOSS_VOLTAGE_UNIT = 1e-3;

    private NetworkConfigs() {}

    public static NetworkConfig defaults(Target t) {
        return defaults(t, new int[] {784, 100, 10});
    }

    public static NetworkConfig defaults(Target t, int[] layers) {
        double[] scales = new double[layers.length - 1];
        for (int i = 0; i < scales.length; i++) scales[i] = i == 0 ? DEFAULT_SCALE_1 : DEFAULT_SCALE_2;
        return new NetworkConfig(layers.clone(), "EXPONENTIAL", "STEP_AVERAGE", DEFAULT_INPUT_AMPLITUDE, scales,
                DEFAULT_LOSS_VOLTAGE_UNIT, "SUM_LOG_SOFTMAX", t.timing().steps(), t.timing().dt(),
                t.timing().injectionPeriodSteps());
    }
}
