package io.memtile.trainer.train;

/** Optimiser defaults of {@code memtile train} (the network's circuit defaults live in NetworkConfigs). */
public final class TrainDefaults {
    /** Adam learning rate. The paper used 1e-4 for 50 epochs; 1e-3 reaches the same accuracy in a few epochs (see the README training table). */
    public static final double LR = 1e-3;
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    /**
     * Batch size. The paper used 128 for 50 epochs; 32 gives four times as many Adam steps per epoch,
     * which is what lets one epoch of MNIST exceed the paper's accuracy (95.91 %).
     */
    public static final int BATCH = 32;
    /**
     * Uniform init half-width of the normalised weights. 0.03 with the spiking regime's stronger first-layer drive
     * (NetworkConfigs.DEFAULT_SCALE_1): at 0.1 the initial hidden currents already saturate the MIF neurons, which then
     * fire on almost every input and the activity term has to undo that first.
     */
    public static final double INIT_SCALE = 0.03;
    /** The initialisation of the analog regime (the default before issue 9). */
    public static final double ANALOG_INIT_SCALE = 0.1;
    public static final long SEED = 1;
    /** Target of the activity term, action potentials per hidden neuron per inference (see ActivityTarget). */
    public static final double TARGET_ACTIVITY = 0.3;
    /**
     * Weight of the activity term (0 = off). 1e5 holds each hidden layer near TARGET_ACTIVITY: per sample the term is
     * 1e5 (A - 0.3)^2, about the readout loss's size when A is off by 0.05.
     */
    public static final double ACTIVITY_WEIGHT = 1e5;
    /**
     * Weight of the drive-energy term (0 = off): mu times the mean square word-line voltage (V^2) the hidden membranes put
     * on the next crossbar. A spiking hidden layer drives that crossbar's word lines with its membranes; without the term
     * the spiking network's chip spends 24x the energy of the analog one (README, "Spiking within the energy budget?").
     */
    public static final double DRIVE_ENERGY_WEIGHT = 1e4;
    /**
     * Arithmetic of the training engine: float32. Evidence (docs/notes/issue-10.md): one MNIST epoch
     * with the README's command gives 95.91 % test accuracy in both precisions (train loss 293.07711
     * vs 293.07711), the float32 gradient is the exact float64 gradient to 3e-6 (FloatEngineTest), and
     * float32 trains 1.5x as many samples per CPU-second. float64 stays the reference (SPICE agreement,
     * finite-difference checks) and is one option away: {@code --precision float64}.
     */
    public static final io.memtile.trainer.engine.Precision PRECISION = io.memtile.trainer.engine.Precision.FLOAT32;

    private TrainDefaults() {}
}
