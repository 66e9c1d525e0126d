package io.memtile.trainer.curves;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Validatable;
import io.memtile.core.json.Versioned;
import java.util.List;

/**
 * Per-epoch training history ({@code <model>.curves.json}, next to the model): what the training-curve
 * plot draws and what {@code memtile eval} shows.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param model         file name of the model these curves belong to
 * @param dataset       dataset spec it was trained on
 * @param layers        layer widths
 * @param batch         batch size
 * @param lr            Adam learning rate
 * @param seed          training seed
 * @param epochs        one point per completed epoch, in order
 */
public record TrainingCurves(int schemaVersion, String model, String dataset, int[] layers, int batch, double lr, long seed,
                             List<EpochPoint> epochs) implements Versioned, Validatable {
    public static final int SCHEMA_VERSION = 1;

    @Override
    public void validate(Fields f) {
        f.present("layers", layers);
        f.present("epochs", epochs);
        for (int i = 0; i < epochs.size(); i++) {
            EpochPoint p = epochs.get(i);
            Fields e = f.index("epochs", i);
            e.check(p.epoch() == (i == 0 ? p.epoch() : epochs.get(i - 1).epoch() + 1), "epoch", "epochs must be consecutive");
            e.finite("trainLoss", p.trainLoss());
            e.range("trainAccuracy", p.trainAccuracy(), 0, 1);
            e.check(p.testAccuracy() == -1 || (p.testAccuracy() >= 0 && p.testAccuracy() <= 1), "testAccuracy", "must be in [0, 1] or -1");
            e.present("activity", p.activity());
            e.check(p.activity().length == 0 || p.activity().length == layers.length - 1, "activity", "needs one value per neuron layer");
        }
    }
}
