package io.memtile.sim;

import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import java.io.PrintStream;

/**
 * How to simulate.
 *
 * @param seed          seed of every simulator random choice (chip instance: d2d, stuck; read noise per sample)
 * @param threads       worker threads over samples (results do not depend on it)
 * @param limit         first N samples of the dataset (0 = all)
 * @param nonIdealities non-idealities in force (zero / false = off); start from the target's and override
 * @param driftAgeS     age of the programmed array when the first sample starts (s); drift only
 * @param ablation      also measure accuracy with all off, each configured non-ideality alone, all on
 * @param traceSample   dataset index of the sample whose traces are kept for plots (-1 = none)
 * @param programPath   program directory (provenance only)
 * @param programSha256 hash of program.json (provenance only)
 * @param datasetSpec   dataset spec as given (provenance only)
 * @param progress      where to print progress lines, or null
 * @param calibrate     calibrate the chip after programming with the target's trim (Calibration) before running
 * @param calibrationAgeS array age at calibration (s); negative = at the age of the run (recalibrated: drift compensated)
 * @param driftHorizons also measure accuracy at array ages 1 s, 1 h, 1 day, 1 month, 1 year, with calibration at
 *                      programming only and recalibrated at that age (needs drift on)
 */
public record SimOptions(long seed, int threads, int limit, NonIdealities nonIdealities, double driftAgeS, boolean ablation,
                         int traceSample, String programPath, String programSha256, String datasetSpec,
                         PrintStream progress, boolean calibrate, double calibrationAgeS, boolean driftHorizons) {
    /** The target's non-idealities, all cores, all samples, seed 1, first sample traced. */
    public static SimOptions defaults(TileProgram p) {
        return new SimOptions(1, Runtime.getRuntime().availableProcessors(), 0, p.target().nonIdealities(), 0, false, 0,
                "", "", "", null, false, -1, false);
    }

    public SimOptions withNonIdealities(NonIdealities n) {
        return new SimOptions(seed, threads, limit, n, driftAgeS, ablation, traceSample, programPath, programSha256, datasetSpec, progress, calibrate, calibrationAgeS, driftHorizons);
    }

    public SimOptions withLimit(int l) {
        return new SimOptions(seed, threads, l, nonIdealities, driftAgeS, ablation, traceSample, programPath, programSha256, datasetSpec, progress, calibrate, calibrationAgeS, driftHorizons);
    }

    public SimOptions withThreads(int t) {
        return new SimOptions(seed, t, limit, nonIdealities, driftAgeS, ablation, traceSample, programPath, programSha256, datasetSpec, progress, calibrate, calibrationAgeS, driftHorizons);
    }

    public SimOptions withSeed(long s) {
        return new SimOptions(s, threads, limit, nonIdealities, driftAgeS, ablation, traceSample, programPath, programSha256, datasetSpec, progress, calibrate, calibrationAgeS, driftHorizons);
    }

    public SimOptions withAblation(boolean a) {
        return new SimOptions(seed, threads, limit, nonIdealities, driftAgeS, a, traceSample, programPath, programSha256, datasetSpec, progress, calibrate, calibrationAgeS, driftHorizons);
    }

    public SimOptions withTraceSample(int i) {
        return new SimOptions(seed, threads, limit, nonIdealities, driftAgeS, ablation, i, programPath, programSha256, datasetSpec, progress, calibrate, calibrationAgeS, driftHorizons);
    }

    public SimOptions withDriftAge(double a) {
        return new SimOptions(seed, threads, limit, nonIdealities, a, ablation, traceSample, programPath, programSha256, datasetSpec, progress, calibrate, calibrationAgeS, driftHorizons);
    }

    public SimOptions withProvenance(String program, String sha, String dataset) {
        return new SimOptions(seed, threads, limit, nonIdealities, driftAgeS, ablation, traceSample, program, sha, dataset, progress, calibrate, calibrationAgeS, driftHorizons);
    }

    public SimOptions withProgress(PrintStream p) {
        return new SimOptions(seed, threads, limit, nonIdealities, driftAgeS, ablation, traceSample, programPath, programSha256, datasetSpec, p, calibrate, calibrationAgeS, driftHorizons);
    }

    public SimOptions withCalibration(boolean c, double ageS) {
        return new SimOptions(seed, threads, limit, nonIdealities, driftAgeS, ablation, traceSample, programPath, programSha256, datasetSpec,
                progress, c, ageS, driftHorizons);
    }

    public SimOptions withDriftHorizons(boolean h) {
        return new SimOptions(seed, threads, limit, nonIdealities, driftAgeS, ablation, traceSample, programPath, programSha256, datasetSpec,
                progress, calibrate, calibrationAgeS, h);
    }
}
