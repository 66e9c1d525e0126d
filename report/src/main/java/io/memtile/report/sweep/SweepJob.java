package io.memtile.report.sweep;

import io.memtile.core.json.Fields;
import io.memtile.core.json.OptionalField;
import io.memtile.core.json.Validatable;

/**
 * One self-contained sweep configuration: everything a worker on another machine needs to produce
 * its row, with no reference to the process that planned it.
 *
 * @param index     position in the plan (the {@code --index} of the run step)
 * @param id        readable unique key, e.g. "paper-65nm_t128_b8_v0.05"
 * @param mode      "paper" (Eq. (3) assumptions, no model) or "measured" (compile + simulate)
 * @param target    target file (absolute path) or bundled name
 * @param network   layer widths for paper mode, e.g. "784-100-10" (measured mode: the model's)
 * @param tile      square tile size rows = cols (0 = target's); tile area scales per cell
 * @param adcBits   ADC resolution (0 = target's); ADC power and area scale by 2^(bits - adc.bits)
 * @param adcCycles cycles per conversion (0 = target's)
 * @param variation device-to-device sigma (nonIdealities.d2dSigma); -1 = target's
 * @param seed      seed of the compile and simulation random choices
 * @param model     model artifact (measured mode only)
 * @param dataset   dataset spec (measured mode only)
 * @param samples   samples to simulate (measured mode; 0 in paper mode)
 * @param output    result file, relative to the plan's directory
 * @param inputAmplitude alpha amplitude applied to the model before compiling (V); absent or -1 = the model's
 * @param layerScales    per-layer attenuations applied to the model ("33/100"); absent or "" = the model's
 */
public record SweepJob(int index, String id, String mode, String target, String network, int tile, int adcBits, int adcCycles,
                       double variation, long seed, @OptionalField String model, @OptionalField String dataset,
                       int samples, String output, @OptionalField Double inputAmplitude,
                       @OptionalField String layerScales) implements Validatable {
    /** The only shape a job output may have: a plain file name under {@code jobs/}. */
    static final String OUTPUT_PATTERN = SweepPlanner.JOBS_DIR + "/[0-9]{4,}-[A-Za-z0-9_-][A-Za-z0-9._-]*\\.json";

    /** Whether the job changes the model's circuit factors (measured mode only). */
    public boolean changesModel() {
        return (inputAmplitude != null && inputAmplitude > 0) || (layerScales != null && !layerScales.isEmpty());
    }

    public boolean measured() { return "measured".equals(mode); }

    @Override
    public void validate(Fields f) {
        f.check("paper".equals(mode) || "measured".equals(mode), "mode", "must be \"paper\" or \"measured\", got \"" + mode + "\"");
        f.nonBlank("target", target);
        f.nonBlank("network", network);
        f.check(tile == 0 || (tile >= SweepGrid.TILE_MIN && tile <= SweepGrid.TILE_MAX), "tile",
                "must be 0 (target's) or in [" + SweepGrid.TILE_MIN + ", " + SweepGrid.TILE_MAX + "], got " + tile);
        f.range("adcBits", adcBits, 0, 24);
        f.range("adcCycles", adcCycles, 0, 1024);
        f.check(variation == -1 || (variation >= 0 && variation <= 2), "variation", "must be -1 (target's) or in [0, 2], got " + variation);
        f.nonBlank("output", output);
        // A plan is a file a cluster user may edit or receive: its outputs must land inside the sweep
        // directory, never "../x" or "/etc/x", whatever the plan says.
        f.check(output.matches(OUTPUT_PATTERN), "output",
                "must be a file in the sweep's jobs/ directory (jobs/NNNN-id.json), got \"" + output + "\"");
        f.check(measured() || !changesModel(), "inputAmplitude", "inputAmplitude and layerScales axes need a measured sweep (--model)");
        if (measured()) {
            f.nonBlank("model", model);
            f.nonBlank("dataset", dataset);
            f.range("samples", samples, 1, 10_000_000);
        }
    }
}
