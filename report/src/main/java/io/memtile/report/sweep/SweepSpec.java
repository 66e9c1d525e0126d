package io.memtile.report.sweep;

import io.memtile.core.MemtileException;

/**
 * What to sweep.
 *
 * @param grid          grid expression (see {@link SweepGrid})
 * @param defaultTarget target used when the grid has no target axis
 * @param network       layer widths for paper mode, e.g. "784-100-10"
 * @param model         model artifact; null = paper mode (no model needed)
 * @param dataset       dataset spec for measured mode (e.g. embedded:mnist)
 * @param samples       samples per measured job (kept small: every job compiles and simulates)
 * @param seed          seed of every job's compile and simulation
 */
public record SweepSpec(String grid, String defaultTarget, String network, String model, String dataset, int samples, long seed) {
    public SweepSpec {
        if (model != null && (samples < 1)) throw new MemtileException("--samples", null, "must be >= 1 for a measured sweep, got " + samples);
    }

    public String mode() { return model == null ? "paper" : "measured"; }
}
