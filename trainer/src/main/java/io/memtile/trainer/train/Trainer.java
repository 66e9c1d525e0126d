package io.memtile.trainer.train;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.core.progress.Progress;
import io.memtile.core.rng.Seeds;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.Parallel;
import io.memtile.trainer.engine.Precision;
import io.memtile.trainer.eval.EvalResult;
import io.memtile.trainer.eval.Evaluator;
import io.memtile.trainer.hwaware.HwAwareConfig;
import io.memtile.trainer.hwaware.HwTransform;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.TrainingRecord;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * MEMprop training: exact BPTT through the MIF dynamics (see {@link io.memtile.trainer.engine.Bptt}),
 * Adam on the normalised weights with projection onto [-1, 1], a checkpoint after every epoch and
 * bit-identical resume.
 */
public final class Trainer {
    private Trainer() {}

    /** Trains, writes the model to {@code o.out()} and returns it. */
    public static ModelArtifact train(TrainOptions o, Dataset train, Dataset test, PrintStream log) {
        return train(o, null, null, train, test, log);
    }

    /**
     * As above, optionally hardware-aware and from given weights.
     *
     * @param start initial nominal weights (copied; null = the seeded uniform init), e.g. a model being fine-tuned
     * @param hw    per-batch weight transform (null = ideal training): the engine runs on
     *              {@code hw.sample(w, epoch, batch)} and the gradient is chained back through it
     */
    public static ModelArtifact train(TrainOptions o, double[][][] start, HwTransform hw, Dataset train, Dataset test,
                                      PrintStream log) {
        HwAwareConfig hwCfg = hw == null ? null : hw.config();
        Network net = new Network(o.network(), o.target());
        if (train.dim() != net.inputs()) {
            throw new MemtileException(train.name(), "dim", "samples have " + train.dim() + " features but layers[0] is " + net.inputs());
        }
        if (train.classes() > net.classes()) {
            throw new MemtileException(train.name(), "classes", "has " + train.classes() + " classes but the output layer has " + net.classes());
        }
        if (train.size() == 0) throw new MemtileException(train.name(), null, "no training samples");
        Precision precision = effectivePrecision(o, net, log);
        double[][][] w;
        Adam adam;
        int startEpoch;
        double wallBefore;
        List<double[]> history = new ArrayList<>();
        if (o.resume()) {
            if (!Files.exists(o.checkpoint())) throw new MemtileException(o.checkpoint().toString(), null, "no checkpoint to resume from (train without --resume first)");
            TrainCheckpoint c = Json.read(o.checkpoint(), TrainCheckpoint.class);
            checkCompatible(c, o, train);
            if (!java.util.Objects.equals(c.activity(), activeOrNull(o))) {
                throw new MemtileException(o.checkpoint().toString(), "activity", "differs from the requested activity term ("
                        + c.activity() + " vs " + activeOrNull(o) + ")");
            }
            String ckptPrecision = c.precision() == null ? Precision.FLOAT64.label() : c.precision();
            if (!ckptPrecision.equals(precision.label())) {
                throw new MemtileException(o.checkpoint().toString(), "precision", "is " + ckptPrecision + " but this run trains in "
                        + precision.label() + " (pass --precision " + ckptPrecision + ")");
            }
            if (!java.util.Objects.equals(c.hwAware(), hwCfg)) {
                throw new MemtileException(o.checkpoint().toString(), "hwAware", "differs from the requested hardware-aware settings ("
                        + c.hwAware() + " vs " + hwCfg + ")");
            }
            w = c.weights();
            adam = new Adam(o.lr(), o.beta1(), o.beta2(), TrainOptions.ADAM_EPS, c.adamM(), c.adamV(), c.adamStep());
            startEpoch = c.epochsDone();
            wallBefore = c.wallSeconds();
            history.addAll(Arrays.asList(c.history()));
            log.printf(Locale.ROOT, "resuming from %s after epoch %d (adam step %d)%n", o.checkpoint(), startEpoch, c.adamStep());
        } else {
            w = start != null ? copy(start) : initialWeights(net.layers, o.initScale(), o.seed());
            adam = new Adam(o.lr(), o.beta1(), o.beta2(), TrainOptions.ADAM_EPS, w);
            startEpoch = 0;
            wallBefore = 0;
        }
        long t0 = System.nanoTime();
        double[][][] grad = Adam.zerosLike(w);
        EvalResult lastEval = null;
        int epochsDone = startEpoch;
        int partialSamples = 0;
        double lastLoss = Double.NaN, lastAcc = Double.NaN;
        try (Parallel par = new Parallel(o.threads())) {
            BatchGradient bg = new BatchGradient(net, par, precision, activeOrNull(o));
            for (int epoch = startEpoch; epoch < o.epochs(); epoch++) {
                int[] order = shuffled(train.size(), o.seed(), epoch);
                Progress prog = new Progress(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, o.epochs()), train.size(), "samples", log);
                double lossSum = 0;
                int correct = 0, seen = 0;
                boolean outOfTime = false;
                int batchIndex = 0;
                for (int from = 0; from < order.length; from += o.batch(), batchIndex++) {
                    if (o.timeLimitSeconds() > 0 && (System.nanoTime() - t0) / 1e9 > o.timeLimitSeconds()) {
                        outOfTime = true;
                        break;
                    }
                    int to = Math.min(order.length, from + o.batch());
                    double[][][] wb = hw == null ? w : hw.sample(w, epoch, batchIndex);
                    BatchGradient.Stats s = bg.compute(wb, train, order, from, to, grad);
                    if (hw != null) hw.chain(grad);
                    io.memtile.trainer.engine.Divergence.checkLoss(s.meanLoss(), net, "train", epoch + 1);
                    adam.update(w, grad);
                    io.memtile.trainer.engine.Divergence.checkWeights(w, net, "train", epoch + 1, "weights");
                    io.memtile.trainer.engine.Divergence.checkWeights(adam.secondMoment(), net, "train", epoch + 1, "Adam's second moment (squared gradients)");
                    lossSum += s.meanLoss() * s.samples();
                    correct += s.correct();
                    seen += s.samples();
                    prog.status(String.format(Locale.ROOT, "loss %.4f acc %.2f%%", lossSum / seen, 100.0 * correct / seen));
                    prog.advance(s.samples());
                }
                if (outOfTime) {
                    // mid-epoch stop: keep the partially trained weights (no checkpoint: checkpoints are whole epochs)
                    partialSamples = seen;
                    lastLoss = seen > 0 ? lossSum / seen : Double.NaN;
                    lastAcc = seen > 0 ? (double) correct / seen : Double.NaN;
                    log.printf(Locale.ROOT, "time limit reached after %d samples of epoch %d%n", seen, epoch + 1);
                    break;
                }
                lastLoss = lossSum / seen;
                lastAcc = (double) correct / seen;
                lastEval = test == null || test.size() == 0 ? null : Evaluator.evaluate(net, w, test, o.testLimit(), par);
                double wall = wallBefore + (System.nanoTime() - t0) / 1e9;
                double testAcc = lastEval == null ? Double.NaN : lastEval.accuracy();
                history.add(new double[] {epoch + 1, lastLoss, lastAcc, Double.isNaN(testAcc) ? -1 : testAcc, wall});
                io.memtile.trainer.curves.CurvesRecorder.epochDone(o, epoch + 1, lastLoss, lastAcc, lastEval, wall);
                log.printf(Locale.ROOT, "epoch %d: train loss %.4f  train acc %.2f%%  test acc %.2f%% (%d samples)  wall %s%n",
                        epoch + 1, lastLoss, 100 * lastAcc, 100 * testAcc, lastEval == null ? 0 : lastEval.n(),
                        Progress.formatDuration(wall));
                if (lastEval != null) log.println("  " + activityLine(lastEval));
                Json.write(o.checkpoint(), new TrainCheckpoint(TrainCheckpoint.SCHEMA_VERSION, o.dataset(), train.sha256(),
                        train.size(), o.network(), o.batch(), o.lr(), o.beta1(), o.beta2(), o.seed(), o.initScale(), epoch + 1,
                        adam.step(), wall, w, adam.firstMoment(), adam.secondMoment(), history.toArray(new double[0][]), hwCfg,
                        activeOrNull(o), precision.label()));
                epochsDone = epoch + 1;
                double thisRun = (System.nanoTime() - t0) / 1e9;
                double perEpoch = thisRun / (epochsDone - startEpoch);
                if (o.timeLimitSeconds() > 0 && epochsDone < o.epochs() && thisRun + perEpoch > o.timeLimitSeconds()) {
                    log.printf(Locale.ROOT, "stopping after epoch %d: another epoch (~%s) would exceed the time limit of %s%n",
                            epochsDone, Progress.formatDuration(perEpoch), Progress.formatDuration(o.timeLimitSeconds()));
                    break;
                }
            }
            if ((lastEval == null || partialSamples > 0) && test != null && test.size() > 0) lastEval = Evaluator.evaluate(net, w, test, o.testLimit(), par);
        }
        double wall = wallBefore + (System.nanoTime() - t0) / 1e9;
        if (Double.isNaN(lastLoss) && !history.isEmpty()) {
            double[] h = history.get(history.size() - 1);
            lastLoss = h[1];
            lastAcc = h[2];
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (lastEval != null) {
            metrics.put("testAccuracy", lastEval.accuracy());
            metrics.put("testSamples", (double) lastEval.n());
            for (int l = 0; l < net.depth; l++) metrics.put("testActivityLayer" + (l + 1), lastEval.meanActivity(l));
            for (int l = 0; l < net.depth; l++) {
                metrics.put("testActionPotentialsPerNeuronLayer" + (l + 1), lastEval.actionPotentials()[l]);
                metrics.put("testActionPotentialTimeShareLayer" + (l + 1), lastEval.apTimeShare()[l]);
            }
        }
        if (!Double.isNaN(lastLoss)) {
            metrics.put("trainLoss", lastLoss);
            metrics.put("trainAccuracy", lastAcc);
        }
        metrics.put("epochs", epochsDone + (double) partialSamples / train.size());
        metrics.put("samplesSeen", (double) (epochsDone * (long) train.size() + partialSamples));
        metrics.put("wallSeconds", wall);
        TrainingRecord rec = new TrainingRecord(o.dataset(), train.sha256(), train.size(), epochsDone, o.batch(), o.lr(), o.beta1(),
                o.beta2(), o.seed(), o.initScale(), Math.max(1, o.threads()), activeOrNull(o), precision.label(),
                train.isEvents() ? train.frames().bins() : null);
        ModelArtifact m = new ModelArtifact(ModelArtifact.SCHEMA_VERSION, o.network(), o.target(), w, rec, metrics, hwCfg);
        Json.write(o.out(), m);
        return m;
    }

    /** The run's activity term as recorded (null when absent or of weight 0, which leaves the loss unchanged). */
    private static io.memtile.trainer.activity.ActivityTarget activeOrNull(TrainOptions o) {
        return o.activity() != null && o.activity().active() ? o.activity() : null;
    }

    /**
     * The precision this run trains in: the requested one, or float64 with a one-line note when the
     * float32 engine cannot run the network (e.g. the explicit or semi-implicit integrator).
     */
    static Precision effectivePrecision(TrainOptions o, Network net, PrintStream log) {
        Precision p = o.precision() == null ? TrainDefaults.PRECISION : o.precision();
        String why = net.unsupported(p);
        if (why == null) return p;
        log.printf(Locale.ROOT, "note: training in float64 instead of %s: %s%n", p.label(), why);
        return Precision.FLOAT64;
    }

    private static double[][][] copy(double[][][] a) {
        double[][][] c = new double[a.length][][];
        for (int l = 0; l < a.length; l++) {
            c[l] = new double[a[l].length][];
            for (int j = 0; j < a[l].length; j++) c[l][j] = a[l][j].clone();
        }
        return c;
    }

    /** Uniform(-s, s) weights from the "init" stream of the seed. */
    public static double[][][] initialWeights(int[] layers, double scale, long seed) {
        SplittableRandom r = Seeds.stream(seed, "init");
        double[][][] w = new double[layers.length - 1][][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new double[layers[l + 1]][layers[l]];
            for (double[] row : w[l]) for (int i = 0; i < row.length; i++) row[i] = scale * (2 * r.nextDouble() - 1);
        }
        return w;
    }

    /** Epoch e's sample order: Fisher-Yates from its own seeded stream (so resume needs no RNG state). */
    public static int[] shuffled(int n, long seed, int epoch) {
        SplittableRandom r = Seeds.stream(seed, "shuffle", epoch);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static void checkCompatible(TrainCheckpoint c, TrainOptions o, Dataset train) {
        String src = o.checkpoint().toString();
        if (!c.network().equals(o.network())) throw new MemtileException(src, "network", "differs from the requested network (" + c.network() + " vs " + o.network() + ")");
        if (c.seed() != o.seed()) throw new MemtileException(src, "seed", "is " + c.seed() + " but --seed is " + o.seed());
        if (c.batch() != o.batch()) throw new MemtileException(src, "batch", "is " + c.batch() + " but --batch is " + o.batch());
        if (c.lr() != o.lr()) throw new MemtileException(src, "lr", "is " + c.lr() + " but --lr is " + o.lr());
        if (c.beta1() != o.beta1()) throw new MemtileException(src, "beta1", "is " + c.beta1() + " but --beta1 is " + o.beta1());
        if (c.beta2() != o.beta2()) throw new MemtileException(src, "beta2", "is " + c.beta2() + " but --beta2 is " + o.beta2());
        if (c.trainSamples() != train.size() || !String.valueOf(c.datasetSha256()).equals(String.valueOf(train.sha256()))) {
            throw new MemtileException(src, "datasetSha256", "the checkpoint was trained on different data (" + c.trainSamples() + " samples of " + c.dataset() + ")");
        }
        if (c.epochsDone() > o.epochs()) throw new MemtileException(src, "epochsDone", "is " + c.epochsDone() + ", beyond --epochs " + o.epochs());
    }

    /** One log line: action potentials per neuron per inference and time above the half-switch level, per layer. */
    static String activityLine(EvalResult e) {
        StringBuilder sb = new StringBuilder("activity per layer: action potentials/neuron/inference");
        for (int l = 0; l < e.actionPotentials().length; l++) sb.append(String.format(Locale.ROOT, " L%d %.4f", l + 1, e.actionPotentials()[l]));
        sb.append("; in an AP");
        for (int l = 0; l < e.apTimeShare().length; l++) sb.append(String.format(Locale.ROOT, " L%d %.4f%%", l + 1, 100 * e.apTimeShare()[l]));
        sb.append("; above 57.5 mV");
        for (int l = 0; l < e.actionPotentials().length; l++) sb.append(String.format(Locale.ROOT, " L%d %.4f%%", l + 1, 100 * e.meanActivity(l)));
        return sb.toString();
    }
}
