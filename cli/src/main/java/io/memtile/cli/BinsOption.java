package io.memtile.cli;

import io.memtile.datasets.Datasets;
import io.memtile.datasets.events.EventBins;

/**
 * Which binning {@code eval} and {@code simulate} load event data with: {@code --bins} when given, else the
 * binning the artifact recorded (the model's {@code training.bins}, the program's {@code provenance.inputBins}),
 * else the layout's default (null). A network run on other frames than it was trained on is still a valid
 * experiment, so an explicit {@code --bins} wins; what must hold is 1 ≤ K ≤ steps.
 */
final class BinsOption {
    private BinsOption() {}

    /**
     * @param requested {@code --bins} (null = not given)
     * @param recorded  the artifact's binning (null = static input or written before bins were recorded)
     * @return the bins to load with, null for the layout's default or a static dataset
     */
    static Integer resolve(Integer requested, Integer recorded, String datasetSpec, int steps) {
        if (requested != null) return EventBins.check(requested, steps);
        if (recorded == null || !Datasets.isEventSpec(datasetSpec)) return null;
        return EventBins.check(recorded, steps);
    }
}
