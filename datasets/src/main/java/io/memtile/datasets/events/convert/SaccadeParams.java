package io.memtile.datasets.events.convert;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Validatable;
import io.memtile.core.json.Versioned;

/**
 * The simulated DVS recording of {@link SaccadeSimulator}, recorded next to the converted data
 * ({@code conversion.json}) so a converted set can be reproduced bit for bit.
 *
 * @param schemaVersion      {@link #SCHEMA_VERSION}
 * @param source             the image dataset converted (spec and split names)
 * @param sourceSha256       its content hash
 * @param seed               seed of every random choice (threshold mismatch, noise, timing jitter)
 * @param threshold          log-intensity change per event (contrast threshold C)
 * @param thresholdMismatch  relative per-pixel standard deviation of C (fixed-pattern mismatch)
 * @param refractoryUs       a pixel emits no event for this long after one (µs)
 * @param noiseHz            background activity rate per pixel and polarity (Hz)
 * @param saccadeUs          duration of one of the three saccades (µs)
 * @param amplitudePx        saccade excursion (pixels; the 28x28 image moves inside the 34x34 field)
 * @param subSteps           simulation sub-steps per saccade
 * @param logEps             offset in log(I + eps): the dark background is not log(0)
 * @param trainSamples       samples written to Train/
 * @param testSamples        samples written to Test/
 * @param meanEventsPerSample mean events per written sample
 */
public record SaccadeParams(int schemaVersion, String source, String sourceSha256, long seed, double threshold,
                            double thresholdMismatch, double refractoryUs, double noiseHz, double saccadeUs,
                            double amplitudePx, int subSteps, double logEps, int trainSamples, int testSamples,
                            double meanEventsPerSample) implements Versioned, Validatable {
    public static final int SCHEMA_VERSION = 1;

    /** The defaults: ~N-MNIST event counts (a few thousand per digit), 3 x 100 ms saccades. */
    public static SaccadeParams defaults(long seed) {
        return new SaccadeParams(SCHEMA_VERSION, "", "", seed, 0.35, 0.05, 2000, 0.5, 100_000, 3, 50, 0.1, 0, 0, 0);
    }

    public SaccadeParams withRecording(String src, String sha, int train, int test, double meanEvents) {
        return new SaccadeParams(schemaVersion, src, sha, seed, threshold, thresholdMismatch, refractoryUs, noiseHz, saccadeUs,
                amplitudePx, subSteps, logEps, train, test, meanEvents);
    }

    @Override
    public void validate(Fields f) {
        f.positive("threshold", threshold);
        f.range("thresholdMismatch", thresholdMismatch, 0, 0.5);
        f.range("refractoryUs", refractoryUs, 0, 1e6);
        f.range("noiseHz", noiseHz, 0, 1e4);
        f.positive("saccadeUs", saccadeUs);
        f.check(saccadeUs * 3 <= 8_388_607, "saccadeUs", "three saccades must fit the 23-bit microsecond timestamp (8.39 s)");
        f.range("amplitudePx", amplitudePx, 0, 3);
        f.range("subSteps", subSteps, 1, 100_000);
        f.positive("logEps", logEps);
    }
}
