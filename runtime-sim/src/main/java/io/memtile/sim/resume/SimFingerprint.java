package io.memtile.sim.resume;

import io.memtile.core.MemtileException;
import io.memtile.core.target.NonIdealities;
import io.memtile.datasets.Dataset;
import io.memtile.sim.SimOptions;
import io.memtile.sim.Simulator;
import io.memtile.trainer.decision.EarlyDecisionRule;
import java.lang.reflect.RecordComponent;
import java.util.Objects;

/**
 * Every input a simulate result depends on, except the thread count (results do not depend on it).
 * A checkpoint continues a run only if each field is equal; the error names the first that is not.
 */
public record SimFingerprint(String programSha256, String datasetSpec, String datasetSha256, int samples, long seed,
                             NonIdealities nonIdealities, double driftAgeS, boolean ablation, int traceSample,
                             boolean calibrate, double calibrationAgeS, boolean driftHorizons, double earlyMargin,
                             int earlyHold, String simulatorVersion) {
    /** The fingerprint of simulating {@code d} (given as {@code datasetSpec}) with options {@code o} and early-decision rule {@code rule}. */
    public static SimFingerprint of(String programSha256, String datasetSpec, Dataset d, SimOptions o, EarlyDecisionRule rule) {
        return new SimFingerprint(programSha256, datasetSpec, d.sha256() == null ? "" : d.sha256(), Simulator.samples(d, o), o.seed(),
                o.nonIdealities(), o.driftAgeS(), o.ablation(), o.traceSample(), o.calibrate(), o.calibrationAgeS(), o.driftHorizons(),
                rule.margin(), rule.holdSteps(), Simulator.VERSION);
    }

    /** Throws a one-line error naming {@code source} and the first field that differs from {@code requested}. */
    public void requireSame(SimFingerprint requested, String source) {
        for (RecordComponent c : SimFingerprint.class.getRecordComponents()) {
            Object mine = value(c, this), theirs = value(c, requested);
            if (!Objects.equals(mine, theirs)) {
                throw new MemtileException(source, "fingerprint." + c.getName(), "is " + mine + " in the checkpoint but " + theirs
                        + " for this run; --resume needs the same program, dataset and options (or run without --resume to start over)");
            }
        }
    }

    private static Object value(RecordComponent c, SimFingerprint f) {
        try {
            return c.getAccessor().invoke(f);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
