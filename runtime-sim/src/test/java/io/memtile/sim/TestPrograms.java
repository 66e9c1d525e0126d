package io.memtile.sim;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.rng.Seeds;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.core.target.TileParams;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfig;
import io.memtile.trainer.model.NetworkConfigs;
import io.memtile.trainer.model.TrainingRecord;
import java.util.Map;
import java.util.SplittableRandom;

/** Small models, programs and datasets for the simulator tests (fast: tens of neurons, 32x32 tiles). */
final class TestPrograms {
    private TestPrograms() {}

    /** The paper target with small tiles so that layers span several tiles (partial sums across tiles). */
    static Target smallTiles() {
        Target t = Targets.paper();
        TileParams tp = t.tile();
        return t.withTile(new TileParams(32, 32, tp.cellType(), tp.technologyNm(), tp.areaMm2(), tp.wireResistanceOhm(),
                tp.readVoltageMax(), 0));
    }

    /** Weights in [-1, 1] with a positive bias so the random network actually spikes. */
    static ModelArtifact model(Target t, int[] layers, int steps, long seed) {
        SplittableRandom r = Seeds.stream(seed, "test-model");
        double[][][] w = new double[layers.length - 1][][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new double[layers[l + 1]][layers[l]];
            for (double[] row : w[l]) for (int i = 0; i < row.length; i++) row[i] = Math.max(-1, Math.min(1, 0.9 * r.nextDouble() - 0.15));
        }
        NetworkConfig d = NetworkConfigs.defaults(t, layers);
        NetworkConfig c = new NetworkConfig(d.layers(), d.integrator(), d.alphaForm(), d.inputAmplitude(), d.layerScales(),
                d.lossVoltageUnit(), d.readout(), steps, d.dt(), d.injectionPeriod());
        TrainingRecord tr = new TrainingRecord("random", "", 0, 0, 1, 1e-3, 0.9, 0.999, seed, 1, 1);
        return new ModelArtifact(ModelArtifact.SCHEMA_VERSION, c, t, w, tr, Map.of(), null);
    }

    static TileProgram ideal(ModelArtifact m) {
        return Compiler.compile(m, m.target(), CompileOptions.ideal(7)).program();
    }

    /** Random pixel-like inputs in [0, 1] with labels from the model's own ideal prediction (accuracy 1 when ideal). */
    static Dataset dataset(ModelArtifact m, int n, long seed) {
        int dim = m.network().layers()[0];
        int classes = m.network().layers()[m.network().layers().length - 1];
        SplittableRandom r = Seeds.stream(seed, "test-data");
        float[] f = new float[n * dim];
        int[] y = new int[n];
        double[] x = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                f[i * dim + j] = (float) (r.nextDouble() < 0.7 ? r.nextDouble() : 0.0);
                x[j] = f[i * dim + j];
            }
            y[i] = io.memtile.trainer.engine.ReferenceForward.predict(m, x);
        }
        return new Dataset("synthetic", f, y, dim, classes, "");
    }
}
