package io.memtile.core.target;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Validatable;

/**
 * Discrete time base shared by training and simulation.
 *
 * @param dt                   step (s); the paper uses 0.01 ms
 * @param steps                steps per sample; the paper uses 1,000 (10 ms)
 * @param injectionPeriodSteps alpha-current injection period in steps (paper: every 100 steps)
 */
public record Timing(double dt, int steps, int injectionPeriodSteps) implements Validatable {
    @Override
    public void validate(Fields f) {
        f.positive("dt", dt);
        f.range("steps", steps, 1, 10_000_000);
        f.range("injectionPeriodSteps", injectionPeriodSteps, 1, 10_000_000);
    }
}
