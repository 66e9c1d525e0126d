package io.memtile.core.target;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Validatable;

/**
 * The first-principles assumptions behind the paper's Table IV (Eq. 3), kept in the target so the
 * "paper mode" report is computed, not typed in.
 *
 * @param activityFactor  fraction of cells active at any time (paper: 2% "of neurons spiking")
 * @param alphaLatency    latency charged for the alpha input current (s); paper: 0.64 ms
 * @param vmmsPerStep     VMMs charged per time step for the whole network (paper: 1)
 */
public record PaperAssumptions(double activityFactor, double alphaLatency, int vmmsPerStep) implements Validatable {
    @Override
    public void validate(Fields f) {
        f.range("activityFactor", activityFactor, 0, 1);
        f.nonNegative("alphaLatency", alphaLatency);
        f.range("vmmsPerStep", vmmsPerStep, 1, 1000);
    }
}
