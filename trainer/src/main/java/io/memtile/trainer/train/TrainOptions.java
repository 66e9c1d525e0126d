package io.memtile.trainer.train;

import io.memtile.core.target.Target;
import io.memtile.trainer.engine.Precision;
import io.memtile.trainer.model.NetworkConfig;
import java.nio.file.Path;

/**
 * Everything {@code memtile train} needs besides the data.
 *
 * @param dataset    dataset spec (recorded in the artifact)
 * @param network    forward map to train
 * @param target     hardware target the physics come from
 * @param epochs     total epochs (a resumed run continues up to this count)
 * @param batch      mini-batch size
 * @param lr         Adam learning rate
 * @param beta1      Adam beta1
 * @param beta2      Adam beta2
 * @param seed       seed of init and shuffling
 * @param initScale  uniform init half-width of the normalised weights
 * @param threads    worker threads (results do not depend on it)
 * @param testLimit  test samples evaluated after each epoch (0 = all)
 * @param out        model artifact path; the checkpoint is {@code out + ".ckpt"}
 * @param resume     continue from the checkpoint next to {@code out}
 * @param timeLimitSeconds stop after the last epoch that is expected to end within this wall time of
 *                   this invocation (0 = no limit); the artifact records the epochs actually run
 * @param precision  arithmetic of the training engine (recorded in the artifact; resume requires the same);
 *                   float32 falls back to float64 with a note where the float engine cannot run the network
 * @param activity   activity term of the loss (null = none)
 */
public record TrainOptions(String dataset, NetworkConfig network, Target target, int epochs, int batch, double lr,
                           double beta1, double beta2, long seed, double initScale, int threads, int testLimit,
                           Path out, boolean resume, double timeLimitSeconds, Precision precision,
                           io.memtile.trainer.activity.ActivityTarget activity) {
    /** Options in precision {@code p} without an activity term. */
    public TrainOptions(String dataset, NetworkConfig network, Target target, int epochs, int batch, double lr,
                        double beta1, double beta2, long seed, double initScale, int threads, int testLimit,
                        Path out, boolean resume, double timeLimitSeconds, Precision p) {
        this(dataset, network, target, epochs, batch, lr, beta1, beta2, seed, initScale, threads, testLimit, out, resume,
                timeLimitSeconds, p, null);
    }

    /** Options in the default precision with activity term {@code activity}. */
    public TrainOptions(String dataset, NetworkConfig network, Target target, int epochs, int batch, double lr,
                        double beta1, double beta2, long seed, double initScale, int threads, int testLimit,
                        Path out, boolean resume, double timeLimitSeconds, io.memtile.trainer.activity.ActivityTarget activity) {
        this(dataset, network, target, epochs, batch, lr, beta1, beta2, seed, initScale, threads, testLimit, out, resume,
                timeLimitSeconds, TrainDefaults.PRECISION, activity);
    }

    public static final double ADAM_EPS = 1e-8;

    /** With the default precision ({@link TrainDefaults#PRECISION}). */
    public TrainOptions(String dataset, NetworkConfig network, Target target, int epochs, int batch, double lr,
                        double beta1, double beta2, long seed, double initScale, int threads, int testLimit,
                        Path out, boolean resume, double timeLimitSeconds) {
        this(dataset, network, target, epochs, batch, lr, beta1, beta2, seed, initScale, threads, testLimit, out, resume,
                timeLimitSeconds, TrainDefaults.PRECISION, null);
    }

    /** The same options in another precision. */
    public TrainOptions withPrecision(Precision p) {
        return new TrainOptions(dataset, network, target, epochs, batch, lr, beta1, beta2, seed, initScale, threads, testLimit,
                out, resume, timeLimitSeconds, p);
    }

    public Path checkpoint() { return out.resolveSibling(out.getFileName() + ".ckpt"); }
}
