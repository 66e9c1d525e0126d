package io.memtile.sim.resume;

import io.memtile.core.json.Fields;
import io.memtile.core.json.OptionalField;
import io.memtile.core.json.Validatable;
import io.memtile.core.json.Versioned;
import java.util.List;

/**
 * What a killed {@code memtile simulate} needs to continue where it stopped, written next to the
 * result as {@code <out>.ckpt}. Every sample's outcome is a pure function of (program, options,
 * sample index): the chip instance and calibration are rebuilt from their seeds, and the read noise
 * of sample i comes from its own seeded stream. So the checkpoint holds only finished work: the
 * per-sample outputs of the first {@code done} samples of the pass in progress, and the accuracy of
 * every extra pass (ablation rows, drift horizons) already finished. A resumed run therefore writes
 * the same sim.json as an uninterrupted one, except for its wall-clock figures.
 *
 * @param fingerprint everything the outcome depends on; resume refuses a checkpoint that differs in any field
 * @param main        the main pass (the one the whole result is assembled from): partial while it runs, complete after
 * @param finished    extra passes already finished, with their accuracy
 * @param current     the extra pass in progress, or null
 */
public record SimCheckpoint(int schemaVersion, SimFingerprint fingerprint, PassState main, List<FinishedPass> finished,
                            @OptionalField PassState current) implements Versioned, Validatable {
    public static final int SCHEMA_VERSION = 1;

    /** An extra pass (an ablation row, a drift horizon) reduced to its accuracy. */
    public record FinishedPass(String key, int samples, int correct) {}

    @Override
    public void validate(Fields f) {
        f.present("fingerprint", fingerprint);
        f.present("main", main).validate(f.sub("main"));
        f.present("finished", finished);
        for (int k = 0; k < finished.size(); k++) {
            FinishedPass p = finished.get(k);
            Fields e = f.index("finished", k);
            e.nonBlank("key", p.key());
            e.check(p.samples() >= 0 && p.correct() >= 0 && p.correct() <= p.samples(), "correct", "must be in [0, samples]");
        }
        if (current != null) current.validate(f.sub("current"));
    }
}
