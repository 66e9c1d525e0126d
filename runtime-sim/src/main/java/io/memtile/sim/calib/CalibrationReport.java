package io.memtile.sim.calib;

import java.util.List;

/**
 * What calibration after programming measured and set ({@code sim.json}).
 *
 * @param seed        seed of the test vectors and the measurement read noise (Seeds.stream(seed, "calibration", layer))
 * @param ageS        array age at which the chip was calibrated (s); drift after it is not compensated
 * @param trimBits    resolution of the target's gain DAC, 0 when the target declares no trim (measure and report only)
 * @param testVectors vectors per layer
 * @param layers      per weight layer
 */
public record CalibrationReport(long seed, double ageS, int trimBits, int testVectors, List<Layer> layers) {
    /**
     * @param layer         weight layer
     * @param meanGain      mean over outputs of the measured gain (chip response / designed response)
     * @param minGain       smallest measured gain
     * @param maxGain       largest measured gain
     * @param rmsOffset     RMS over outputs of the fitted offset, relative to the RMS designed response
     * @param rmsErrBefore  RMS of (chip - designed) response over vectors and outputs, relative to the RMS designed response
     * @param rmsErrAfter   the same with the trim applied
     * @param clipped       outputs whose ideal trim was outside the DAC's range
     */
    public record Layer(int layer, double meanGain, double minGain, double maxGain, double rmsOffset, double rmsErrBefore,
                        double rmsErrAfter, int clipped) {}
}
