package io.memtile.compiler.program;

/**
 * How weight layer {@code layer} maps to devices.
 *
 * @param layer       weight-layer index (0 = input to first hidden)
 * @param inputs      rows of the logical matrix (fan-in)
 * @param outputs     logical outputs (neurons); each uses two physical columns (G+, G-)
 * @param gUnit       siemens per unit of normalised weight: w = (G+ - G-) / gUnit
 * @param gOff        OFF conductance of the synapse device (S), the pair's common mode
 * @param currentGain factor applied to the column-current difference before it enters the neuron
 *                    (1 / layerScale: the "circuit loading" attenuation)
 * @param drive       "ALPHA" (rows driven by alpha generators) or "MEMBRANE" (upstream MIF voltages)
 * @param quantRmsError RMS of (quantised - trained) normalised weight over the layer
 * @param rangeScale  range mapping (pass "range"): trained weight w is carried as s*w by the devices
 *                    (G+ - G- = gUnit*s*w) and currentGain = (1/layerScale)/s compensates it exactly.
 *                    Optional: absent (0) = 1, the trainer's convention
 * @param columnScale per-output range scale s_o (range mapping per column), or null = rangeScale for all;
 *                    output o's column current is multiplied by rangeScale/s_o. Optional
 * @param irGain      per-output gain correction 1/a_o of the IR-drop pass (pass "irdrop"): the compensated
 *                    targets carry a_o times the weights, the neuron's current gain divides it out, or null. Optional
 * @param driveScale  factor on the alpha drivers' row-voltage amplitude of this layer (pass "drive"): the range
 *                    scale is compensated in the drive instead of the current gain, so that
 *                    currentGain * rangeScale * layerScale * driveScale = 1. Optional: absent (0) = 1
 * @param bitline     bit-line reference of a membrane-driven layer and its per-neuron compensation currents (pass
 *                    "bitline", {@code bitline.BitlineRefPass}). Optional: absent (null) = bit lines at 0 V, as before
 *                    (and then not written, so programs compiled without it keep their bytes and content hash)
 * @param levelUse    the level-use floor of pass "levels" ({@code levels.LevelUsePass}): target level, factor on the range
 *                    scale, the resulting 99th-percentile level and the clipped weights' error. Optional: absent (null) =
 *                    the pass was off (not written, so programs compiled without it keep their bytes); when present the
 *                    range scale may saturate weights beyond level N, and verify recomputes the record from the model
 */
public record LayerMapping(int layer, int inputs, int outputs, double gUnit, double gOff, double currentGain, String drive,
                           double quantRmsError, @io.memtile.core.json.OptionalField double rangeScale,
                           @io.memtile.core.json.OptionalField double[] columnScale,
                           @io.memtile.core.json.OptionalField double[] irGain,
                           @io.memtile.core.json.OptionalField double driveScale,
                           @io.memtile.core.json.OptionalField BitlineRef bitline,
                           @io.memtile.core.json.OptionalField LevelUse levelUse) {
    /** The canonical constructor binds JSON (two constructors would leave JSON-B guessing). */
    @jakarta.json.bind.annotation.JsonbCreator
    public LayerMapping {}

    /** A mapping without a level-use floor. */
    public LayerMapping(int layer, int inputs, int outputs, double gUnit, double gOff, double currentGain, String drive,
                        double quantRmsError, double rangeScale, double[] columnScale, double[] irGain, double driveScale, BitlineRef bitline) {
        this(layer, inputs, outputs, gUnit, gOff, currentGain, drive, quantRmsError, rangeScale, columnScale, irGain, driveScale, bitline, null);
    }

    /** A mapping whose bit lines sit at 0 V (no bit-line reference). */
    public LayerMapping(int layer, int inputs, int outputs, double gUnit, double gOff, double currentGain, String drive,
                        double quantRmsError, double rangeScale, double[] columnScale, double[] irGain, double driveScale) {
        this(layer, inputs, outputs, gUnit, gOff, currentGain, drive, quantRmsError, rangeScale, columnScale, irGain, driveScale, null);
    }

    /** This mapping with bit-line reference {@code b} (null = bit lines at 0 V). */
    public LayerMapping withBitline(BitlineRef b) {
        return new LayerMapping(layer, inputs, outputs, gUnit, gOff, currentGain, drive, quantRmsError, rangeScale, columnScale, irGain,
                driveScale, b, levelUse);
    }

    /** The bit-line reference voltage (V), 0 when the bit lines sit at 0 V. */
    public double bitlineRefVolts() { return bitline == null ? 0.0 : bitline.vRef(); }

    /** A mapping whose drive runs at the trained amplitude. */
    public LayerMapping(int layer, int inputs, int outputs, double gUnit, double gOff, double currentGain, String drive,
                        double quantRmsError, double rangeScale, double[] columnScale, double[] irGain) {
        this(layer, inputs, outputs, gUnit, gOff, currentGain, drive, quantRmsError, rangeScale, columnScale, irGain, 0);
    }

    /** The drive scale, 1 when absent. */
    public double driveFactor() { return driveScale > 0 ? driveScale : 1.0; }

    /** The range scale, 1 when absent. */
    public double scale() { return rangeScale > 0 ? rangeScale : 1.0; }

    /** The range scale of output o's column. */
    public double scale(int o) { return columnScale == null ? scale() : columnScale[o]; }

    /** Output o's column gain on top of currentGain: per-column range factor times the IR-drop correction. */
    public double columnGain(int o) { return scale() / scale(o) * (irGain == null ? 1.0 : irGain[o]); }

    /** Per-output column gains, or null when all are 1. */
    public double[] columnGains() {
        if (columnScale == null && irGain == null) return null;
        double[] g = new double[outputs];
        for (int o = 0; o < outputs; o++) g[o] = columnGain(o);
        return g;
    }
}
