package io.memtile.trainer.engine;

import io.memtile.core.target.NeuronParams;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.core.target.Timing;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfig;
import io.memtile.trainer.model.TrainingRecord;
import java.util.SplittableRandom;

/** Small networks and synthetic data for engine tests. */
public final class TestModels {
    private TestModels() {}

    public static Target paper() { return Targets.paper(); }

    /** The paper target with a different membrane capacitance and time base. */
    public static Target withCapacitance(Target t, double cMem) {
        NeuronParams n = t.neuron();
        NeuronParams n2 = new NeuronParams(cMem, n.e1(), n.e2(), n.m1(), n.m2(), n.tauAlpha());
        return new Target(t.schemaVersion(), t.name(), t.description(), t.timing(), t.synapse(), n2, t.tile(), t.adc(),
                t.nonIdealities(), t.programming(), t.paper(), t.trim());
    }

    public static Target withTiming(Target t, Timing timing) {
        return new Target(t.schemaVersion(), t.name(), t.description(), timing, t.synapse(), t.neuron(), t.tile(), t.adc(),
                t.nonIdealities(), t.programming(), t.paper(), t.trim());
    }

    public static NetworkConfig config(int[] layers, String integrator, double a0, double[] scales, double unit, int steps,
                                       double dt, int period) {
        return new NetworkConfig(layers, integrator, "STEP_AVERAGE", a0, scales, unit, "SUM_LOG_SOFTMAX", steps, dt, period);
    }

    public static double[][][] randomWeights(int[] layers, double scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][][] w = new double[layers.length - 1][][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new double[layers[l + 1]][layers[l]];
            for (double[] row : w[l]) for (int i = 0; i < row.length; i++) row[i] = scale * (2 * r.nextDouble() - 1);
        }
        return w;
    }

    public static ModelArtifact model(NetworkConfig c, Target t, double[][][] w) {
        TrainingRecord tr = new TrainingRecord("synthetic", "none", 0, 0, 1, 1e-4, 0.9, 0.999, 1, 0.5, 1);
        return new ModelArtifact(ModelArtifact.SCHEMA_VERSION, c, t, w, tr, null, null);
    }

    /** n samples of dim features in [0, 1]; class k lights up the k-th block of features more strongly. */
    public static Dataset synthetic(int n, int dim, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] f = new float[n * dim];
        int[] y = new int[n];
        int block = Math.max(1, dim / classes);
        for (int s = 0; s < n; s++) {
            int k = r.nextInt(classes);
            y[s] = k;
            for (int i = 0; i < dim; i++) {
                double base = 0.15 * r.nextDouble();
                if (i / block == k) base += 0.5 + 0.5 * r.nextDouble();
                f[s * dim + i] = (float) Math.min(1, base);
            }
        }
        return new Dataset("synthetic", f, y, dim, classes, "none");
    }
}
