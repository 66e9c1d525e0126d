package io.memtile.trainer.model;

import io.memtile.core.json.Fields;
import io.memtile.core.json.OptionalField;
import io.memtile.trainer.activity.ActivityTarget;
import io.memtile.core.json.Validatable;

/**
 * How a model was trained: enough to re-run it bit-identically.
 *
 * @param dataset       dataset name (mnist, fashion-mnist, idx:DIR, embedded:mnist...)
 * @param datasetSha256 hash of the training data source bytes
 * @param trainSamples  samples per epoch
 * @param epochs        epochs run
 * @param batch         batch size
 * @param lr            Adam learning rate
 * @param beta1         Adam beta1
 * @param beta2         Adam beta2
 * @param seed          seed of every random choice (init, shuffling)
 * @param initScale     uniform init half-width of the normalised weights
 * @param threads       worker threads (results do not depend on it: per-sample gradients are reduced in sample order)
 * @param activity      the activity term of the loss ({@code --target-activity}, {@code --activity-weight}); absent: none
 * @param precision     arithmetic of the training engine, "float32" or "float64" (absent in models written
 *                      before it existed, which were all trained in float64)
 * @param bins          event frames per sample the model was trained on ({@code --bins}); absent for static input
 *                      and in event models written before it existed (which used the default, 10). {@code eval} and
 *                      {@code simulate} bin event data this way unless told otherwise
 */
public record TrainingRecord(String dataset, String datasetSha256, int trainSamples, int epochs, int batch, double lr,
                             double beta1, double beta2, long seed, double initScale, int threads,
                             @OptionalField ActivityTarget activity, @OptionalField String precision,
                             @OptionalField Integer bins) implements Validatable {
    /** The canonical constructor binds JSON (two constructors would leave JSON-B guessing). */
    @jakarta.json.bind.annotation.JsonbCreator
    public TrainingRecord {}

    /** A record of training without an activity term or a precision (imports, random models, tests). */
    public TrainingRecord(String dataset, String datasetSha256, int trainSamples, int epochs, int batch, double lr,
                          double beta1, double beta2, long seed, double initScale, int threads) {
        this(dataset, datasetSha256, trainSamples, epochs, batch, lr, beta1, beta2, seed, initScale, threads, null, null, null);
    }

    /** The precision the model was trained in (float64 when the record predates the field). */
    public String precisionOrDefault() { return precision == null ? "float64" : precision; }

    @Override
    public void validate(Fields f) {
        f.nonBlank("dataset", dataset);
        f.range("trainSamples", trainSamples, 0, Integer.MAX_VALUE);
        f.range("epochs", epochs, 0, 1_000_000);
        f.range("batch", batch, 1, 1 << 20);
        f.positive("lr", lr);
        f.range("beta1", beta1, 0, 1);
        f.range("beta2", beta2, 0, 1);
        f.nonNegative("initScale", initScale);
        f.range("threads", threads, 1, 4096);
        if (activity != null) activity.validate(f.sub("activity"));
        f.check(bins == null || bins >= 1, "bins", "must be >= 1 frame per sample, not " + bins);
        f.check(precision == null || precision.equals("float32") || precision.equals("float64"), "precision",
                "must be float32 or float64, not " + precision);
    }
}
