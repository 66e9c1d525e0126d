package io.memtile.trainer.model;

import io.memtile.core.json.Fields;
import io.memtile.core.json.OptionalField;
import io.memtile.core.json.Validatable;

/**
 * Everything that fixes the forward map of a deployed network besides its weights. The trainer,
 * the compiler and the simulator all read this one record so that "what was trained is what is
 * deployed is what is simulated".
 *
 * <p>Signal chain (spec section 2, with the unknown factors made named parameters):
 * <pre>
 *   row voltage of input i at step t:  inputAmplitude * p_i * alpha[t]          (V)
 *   layer l current into neuron j:     (gUnit / layerScale[l]) * sum_i w_ji * drive_i   (A)
 *   drive of layer l &gt; 0:              the upstream membrane voltages V (raw, not V - V_rest),
 *                                       through the word-line driver d(V) = clamp(V, driveRange) when one is set
 *   logits at step t:                   V_out[t] / lossVoltageUnit
 * </pre>
 * Weights w are normalised to [-1, 1]; the synapse is the differential pair
 * G+ = gOff + gUnit*max(w,0), G- = gOff + gUnit*max(-w,0), with gUnit = gOn - gOff of the synapse
 * device, so every trained weight is exactly representable on the device.
 *
 * @param layers          layer widths, e.g. [784, 100, 10]
 * @param integrator      EXPLICIT_EULER, SEMI_IMPLICIT or EXPONENTIAL (see physics Integrator)
 * @param alphaForm       FORWARD_EULER (Table II recurrence) or STEP_AVERAGE (exact charge per step)
 * @param inputAmplitude  alpha-generator row-voltage amplitude A0 for a pixel of intensity 1 (V)
 * @param layerScales     attenuation factor s_l per weight layer ("circuit loading", paper IV-A)
 * @param lossVoltageUnit output voltage per logit unit (V); 1e-3 treats millivolts as logits, as the
 *                        authors' code did
 * @param readout         SUM_LOG_SOFTMAX (argmax of summed log-probabilities) or MAX_VOLTAGE
 * @param steps           time steps per sample
 * @param dt              step (s)
 * @param injectionPeriod alpha injection period (steps)
 * @param driveRange      rails {low, high} (V) of the buffer between a hidden membrane and the next crossbar's
 *                        word lines ({@link io.memtile.physics.driver.WordLineDriver}); absent (null) = no
 *                        buffer, the membrane drives the word lines directly (the paper's circuit, and every
 *                        model written before the field existed)
 */
public record NetworkConfig(int[] layers, String integrator, String alphaForm, double inputAmplitude,
                            double[] layerScales, double lossVoltageUnit, String readout, int steps, double dt,
                            int injectionPeriod, @OptionalField double[] driveRange) implements Validatable {
    /** The canonical constructor binds JSON (two constructors would leave JSON-B guessing). */
    @jakarta.json.bind.annotation.JsonbCreator
    public NetworkConfig {}

    /** A network whose hidden membranes drive the word lines directly (no driver). */
    public NetworkConfig(int[] layers, String integrator, String alphaForm, double inputAmplitude, double[] layerScales,
                         double lossVoltageUnit, String readout, int steps, double dt, int injectionPeriod) {
        this(layers, integrator, alphaForm, inputAmplitude, layerScales, lossVoltageUnit, readout, steps, dt, injectionPeriod, null);
    }

    /** This config with the word-line driver rails {@code range} (null: none). */
    public NetworkConfig withDriveRange(double[] range) {
        return new NetworkConfig(layers, integrator, alphaForm, inputAmplitude, layerScales, lossVoltageUnit, readout, steps,
                dt, injectionPeriod, range == null ? null : range.clone());
    }

    /** The word-line driver of the hidden layers, or null when the membranes drive the word lines directly. */
    public io.memtile.physics.driver.WordLineDriver driver() {
        return io.memtile.physics.driver.WordLineDriver.of(driveRange);
    }

    @Override
    public void validate(Fields f) {
        f.check(layers != null && layers.length >= 2, "layers", "needs at least an input and an output width");
        for (int i = 0; i < layers.length; i++) f.range("layers[" + i + "]", layers[i], 1, 1 << 20);
        f.nonBlank("integrator", integrator);
        f.nonBlank("alphaForm", alphaForm);
        f.positive("inputAmplitude", inputAmplitude);
        f.check(layerScales != null && layerScales.length == layers.length - 1, "layerScales",
                "needs one entry per weight layer (" + (layers.length - 1) + ")");
        for (int i = 0; i < layerScales.length; i++) f.positive("layerScales[" + i + "]", layerScales[i]);
        f.positive("lossVoltageUnit", lossVoltageUnit);
        f.nonBlank("readout", readout);
        f.range("steps", steps, 1, 10_000_000);
        f.positive("dt", dt);
        f.range("injectionPeriod", injectionPeriod, 1, 10_000_000);
        if (driveRange != null) {
            f.check(driveRange.length == 2, "driveRange", "needs two values {low, high} in volts, got " + driveRange.length);
            f.check(Double.isFinite(driveRange[0]) && Double.isFinite(driveRange[1]) && driveRange[0] < driveRange[1], "driveRange",
                    "needs finite rails with low < high, got " + java.util.Arrays.toString(driveRange));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkConfig n && java.util.Arrays.equals(layers, n.layers) && integrator.equals(n.integrator)
                && alphaForm.equals(n.alphaForm) && inputAmplitude == n.inputAmplitude
                && java.util.Arrays.equals(layerScales, n.layerScales) && lossVoltageUnit == n.lossVoltageUnit
                && readout.equals(n.readout) && steps == n.steps && dt == n.dt && injectionPeriod == n.injectionPeriod
                && java.util.Arrays.equals(driveRange, n.driveRange);
    }

    @Override
    public int hashCode() { return java.util.Arrays.hashCode(layers) * 31 + integrator.hashCode(); }

    @Override
    public String toString() {
        return "NetworkConfig" + java.util.Arrays.toString(layers) + " " + integrator + " A0=" + inputAmplitude
                + " scales=" + java.util.Arrays.toString(layerScales)
                + (driveRange == null ? "" : " driver=" + java.util.Arrays.toString(driveRange));
    }
}
