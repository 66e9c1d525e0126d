package io.memtile.trainer.train;

import io.memtile.core.rng.Seeds;
import io.memtile.core.target.Target;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.Parallel;
import io.memtile.trainer.engine.Precision;
import io.memtile.trainer.eval.Evaluator;
import io.memtile.trainer.model.NetworkConfig;
import java.util.SplittableRandom;

/**
 * Training-speed benchmark: full BPTT mini-batches (forward, backward, first-layer outer product,
 * Adam) and forward-only evaluation of a network on MNIST-like inputs, after a warm-up batch.
 */
public final class TrainBench {
    private TrainBench() {}

    /**
     * @param trainSamplesPerSecond BPTT + Adam throughput
     * @param evalSamplesPerSecond  forward-only throughput
     * @param epochSeconds          extrapolated seconds per epoch of {@code epochTrain} samples plus a {@code epochTest} evaluation
     */
    public record Result(NetworkConfig network, int threads, int batch, int samples, double trainSamplesPerSecond,
                         double evalSamplesPerSecond, double epochSeconds, double trainSamplesPerCpuSecond,
                         double evalSamplesPerCpuSecond, String kernel, int groupLanes, MachineLimit limit, Precision precision) {}

    /** CPU time of this process (ns), or -1: lets the benchmark report throughput per CPU-second on a shared machine. */
    static long cpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    public static Result run(NetworkConfig c, Target t, int samples, int batch, int threads, int epochTrain, int epochTest) {
        return run(c, t, samples, batch, threads, epochTrain, epochTest, Precision.FLOAT64, null);
    }

    /** As above, training in precision {@code p} (evaluation is always the float64 reference). */
    public static Result run(NetworkConfig c, Target t, int samples, int batch, int threads, int epochTrain, int epochTest, Precision p) {
        return run(c, t, samples, batch, threads, epochTrain, epochTest, p, null);
    }

    /**
     * As above on given data (null = synthetic MNIST-like images), e.g. binned event streams: its samples are
     * used in order, cycled when {@code samples} exceeds its size.
     */
    public static Result run(NetworkConfig c, Target t, int samples, int batch, int threads, int epochTrain, int epochTest, Precision p,
                             Dataset data) {
        Network net = new Network(c, t);
        Dataset d = data != null ? data : mnistLike(Math.max(samples, batch), net.inputs(), net.classes(), 5);
        double[][][] w = Trainer.initialWeights(net.layers, TrainDefaults.INIT_SCALE, 1);
        double[][][] g = Adam.zerosLike(w);
        Adam adam = new Adam(TrainDefaults.LR, TrainDefaults.BETA1, TrainDefaults.BETA2, TrainOptions.ADAM_EPS, w);
        int[] order = new int[Math.max(d.size(), Math.max(samples, batch))];
        for (int i = 0; i < order.length; i++) order[i] = i % d.size();
        try (Parallel par = new Parallel(threads)) {
            BatchGradient bg = new BatchGradient(net, par, p);
            // warm-up (JIT, buffers): C2 must have compiled the vector loops before timing starts. A few
            // lane groups are not enough: C2 keeps compiling the engine's big methods for about the first
            // 1,000 samples, and that compile time lands in the process CPU time (measured: 530-580 samples per
            // CPU-second over a cold 1,024-sample run against 750-970 over the next one, same JVM). So the
            // warm-up trains as many samples as are timed, up to 1,024, on a throw-away copy of the weights.
            for (int k = 0; k < 3; k++) bg.compute(w, d, order, 0, Math.min(batch, threads * bg.lanes()), g);
            double[][][] wWarm = Adam.zerosLike(w);
            for (int l = 0; l < w.length; l++) for (int j = 0; j < w[l].length; j++) wWarm[l][j] = w[l][j].clone();
            Adam warmAdam = new Adam(TrainDefaults.LR, TrainDefaults.BETA1, TrainDefaults.BETA2, TrainOptions.ADAM_EPS, wWarm);
            for (int done = 0, warm = Math.min(samples, 1024); done < warm; done += batch) {
                bg.compute(wWarm, d, order, done, Math.min(warm, done + batch), g);
                warmAdam.update(wWarm, g);
            }
            Evaluator.evaluate(net, w, d, Math.min(Math.min(samples, d.size()), 256), par);
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            int done = 0;
            while (done < samples) {
                int to = Math.min(samples, done + batch);
                bg.compute(w, d, order, done, to, g);
                adam.update(w, g);
                done = to;
            }
            double train = samples / ((System.nanoTime() - t0) / 1e9);
            long c1 = cpuNanos();
            long t1 = System.nanoTime();
            Evaluator.evaluate(net, w, d, Math.min(samples, d.size()), par);
            int evaluated = Math.min(samples, d.size());
            double eval = evaluated / ((System.nanoTime() - t1) / 1e9);
            long c2 = cpuNanos();
            double trainCpu = c0 < 0 ? Double.NaN : samples / ((c1 - c0) / 1e9);
            double evalCpu = c0 < 0 ? Double.NaN : evaluated / ((c2 - c1) / 1e9);
            return new Result(c, par.threads(), batch, samples, train, eval, epochTrain / train + epochTest / eval, trainCpu, evalCpu,
                    net.describe(p), bg.lanes(), MachineLimit.estimate(net, p), p);
        }
    }

    /** Sparse random "digits": ~20 % of pixels lit, intensities in [0.5, 1]. */
    static Dataset mnistLike(int n, int dim, int classes, long seed) {
        SplittableRandom r = Seeds.stream(seed, "bench-data");
        float[] f = new float[n * dim];
        int[] y = new int[n];
        for (int s = 0; s < n; s++) {
            y[s] = r.nextInt(classes);
            for (int i = 0; i < dim; i++) if (r.nextDouble() < 0.2) f[s * dim + i] = (float) (0.5 + 0.5 * r.nextDouble());
        }
        return new Dataset("bench", f, y, dim, classes, "none");
    }
}
