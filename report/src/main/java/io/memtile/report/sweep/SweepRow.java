package io.memtile.report.sweep;

import io.memtile.core.json.OptionalField;
import io.memtile.core.json.Versioned;

/**
 * The output of one job ({@code jobs/NNNN-id.json}): the job it answers plus its figures, SI units.
 * Measured-only figures are absent in paper mode. {@code inputsKey} is the {@link ContentKeys#row}
 * of the inputs it was computed from: a row whose model, target or dataset has changed since is stale.
 * {@code energyEarlyJ} / {@code accuracyEarly} are the same simulation stopped by the default
 * early-decision rule (absent when it was off, and in paper mode).
 */
public record SweepRow(int schemaVersion, SweepJob job, String targetName, int tileRows, int tileCols, int tiles,
                       int adcBits, double areaMemtileMm2, double areaMixedMm2, double powerMemtileW, double powerMixedW,
                       double latencyMemtileS, double latencyMixedS, @OptionalField Double energyMemtileJ,
                       @OptionalField Double energyMixedJ, @OptionalField Double accuracy, String inputsKey,
                       @OptionalField Double energyEarlyJ, @OptionalField Double accuracyEarly) implements Versioned {
    /** 2: inputsKey (content hash of the inputs) added; version-1 rows are recomputed. */
    public static final int SCHEMA_VERSION = 2;

    public double areaImprovement() { return areaMixedMm2 / areaMemtileMm2; }

    public double powerImprovement() { return powerMixedW / powerMemtileW; }

    public double latencyImprovement() { return latencyMixedS / latencyMemtileS; }

    public double energyImprovement() { return energyMemtileJ == null ? Double.NaN : energyMixedJ / energyMemtileJ; }

    public boolean hasMeasured() { return energyMemtileJ != null; }

    /** Variation column text: the job's sigma, or "target" when the target's was used. */
    public String variationText() { return job.variation() < 0 ? "target" : io.memtile.report.Display.num(job.variation()); }
}
