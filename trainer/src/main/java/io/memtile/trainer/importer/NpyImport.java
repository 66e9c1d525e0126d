package io.memtile.trainer.importer;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Fields;
import io.memtile.core.target.Target;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfig;
import io.memtile.trainer.model.NetworkConfigs;
import io.memtile.trainer.model.TrainingRecord;
import io.memtile.trainer.train.TrainDefaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports weights trained elsewhere (PyTorch, JAX, NumPy) into a memtile {@link ModelArtifact}, so an
 * externally trained network can be compiled, simulated and costed like one trained by {@code memtile train}.
 *
 * <p>Input: the weight matrices of the layers, in layer order, as 2-D float32/float64 arrays: the arrays of
 * one {@code .npz} in archive order (= the order given to {@code np.savez}), then any {@code .npy} files in
 * the order given. Default layout is PyTorch {@code nn.Linear.weight}, {@code [out][in]}; {@code transpose}
 * accepts {@code [in][out]} (Keras/JAX). Export from PyTorch with
 * {@code np.savez("w.npz", **{k: v.numpy() for k, v in model.state_dict().items() if k.endswith("weight")})}.
 *
 * <p>Checks, each naming the array: shapes chain (in of layer l+1 = out of layer l, e.g. 784->100->10, and
 * match {@code expectLayers} if given), every value finite (the error gives the index in the stored array),
 * and the range: the synapse is a differential pair that represents exactly [-1, 1], so larger weights are
 * rejected, or with {@code rescale} divided per layer by k_l = max|W_l|. Rescaling divides that layer's
 * attenuation {@code layerScales[l]} by the same k_l, so every crossbar current, and hence the forward map,
 * stays what the unscaled weights would give under the default configuration; k_l is recorded in the
 * metrics as {@code import.rescale.<l>}.
 */
public final class NpyImport {
    private NpyImport() {}

    /**
     * @param transpose     arrays are stored [in][out] instead of nn.Linear's [out][in]
     * @param rescale       scale layers whose max |w| exceeds 1 instead of rejecting them
     * @param ignoreBias    drop rank-1 arrays (biases, which a crossbar without a bias row cannot hold)
     *                      instead of rejecting them
     * @param expectLayers  required layer widths (e.g. 784,100,10), or null to accept any consistent chain
     * @param dataset       name of the dataset the weights were trained on, or null if unknown
     * @param datasetSha256 its provenance hash, or null if unknown
     */
    public record Options(boolean transpose, boolean rescale, boolean ignoreBias, int[] expectLayers, String dataset,
                          String datasetSha256) {
        public static Options defaults() {
            return new Options(false, false, false, null, null, null);
        }
    }

    /** Reads the files and builds the artifact (not yet written). */
    public static ModelArtifact fromFiles(Path npz, List<Path> npy, Target target, Options o) {
        List<NpyArrays.Named> arrays = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        if (npz != null) {
            arrays.addAll(NpyArrays.readNpz(npz));
            sources.add(npz.getFileName().toString());
        }
        if (npy != null) {
            for (Path p : npy) {
                arrays.add(NpyArrays.readNpy(p));
                sources.add(p.getFileName().toString());
            }
        }
        if (arrays.isEmpty()) throw new MemtileException("import", "npz", "no input: give --npz FILE and/or --npy FILE...");
        return fromArrays(arrays, String.join(",", sources), target, o);
    }

    /** Builds the artifact from already-read arrays ({@code origin} names them in the training record). */
    public static ModelArtifact fromArrays(List<NpyArrays.Named> arrays, String origin, Target target, Options o) {
        List<NpyArrays.Named> layers = new ArrayList<>();
        int ignored = 0;
        for (NpyArrays.Named a : arrays) {
            if (a.rank() == 1) {
                if (!o.ignoreBias()) {
                    throw new MemtileException(a.source(), a.name(), "is a rank-1 array " + shape(a.shape())
                            + " (a bias?); memtile crossbars have no bias row. Export weights only, or pass --ignore-bias");
                }
                ignored++;
                continue;
            }
            layers.add(a);
        }
        if (layers.isEmpty()) throw new MemtileException(origin, "arrays", "no 2-D weight matrices found");

        double[][][] w = new double[layers.size()][][];
        for (int l = 0; l < layers.size(); l++) w[l] = oriented(layers.get(l), o.transpose());
        int[] widths = chain(layers, w, o.transpose());
        if (o.expectLayers() != null && !Arrays.equals(o.expectLayers(), widths)) {
            throw new MemtileException(origin, "layers", "the arrays chain " + join(widths) + " but " + join(o.expectLayers())
                    + " was required");
        }
        for (int l = 0; l < layers.size(); l++) checkFinite(layers.get(l), w[l], o.transpose());

        NetworkConfig defaults = NetworkConfigs.defaults(target, widths);
        double[] scales = defaults.layerScales().clone();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("import.layers", (double) layers.size());
        metrics.put("import.transposed", o.transpose() ? 1.0 : 0.0);
        metrics.put("import.ignoredArrays", (double) ignored);
        for (int l = 0; l < w.length; l++) {
            NpyArrays.Named a = layers.get(l);
            double max = 0;
            int mo = 0;
            int mi = 0;
            for (int out = 0; out < w[l].length; out++) {
                for (int in = 0; in < w[l][out].length; in++) {
                    double m = Math.abs(w[l][out][in]);
                    if (m > max) {
                        max = m;
                        mo = out;
                        mi = in;
                    }
                }
            }
            metrics.put("import.maxAbs." + l, max);
            double k = 1.0;
            if (max > 1.0) {
                if (!o.rescale()) {
                    throw new MemtileException(a.source(), a.name() + index(mo, mi, o.transpose()), "is " + w[l][mo][mi]
                            + ", outside [-1, 1], the range a differential memristor pair represents (layer max |w| = " + max
                            + "); pass --rescale to divide the layer by its max and fold the factor into the layer scale");
                }
                k = max;
                for (double[] row : w[l]) for (int i = 0; i < row.length; i++) row[i] /= k;
                scales[l] /= k;
            }
            metrics.put("import.rescale." + l, k);
        }
        NetworkConfig net = new NetworkConfig(defaults.layers(), defaults.integrator(), defaults.alphaForm(),
                defaults.inputAmplitude(), scales, defaults.lossVoltageUnit(), defaults.readout(), defaults.steps(),
                defaults.dt(), defaults.injectionPeriod());
        // memtile trained nothing (epochs = 0, no random choice: seed 0); the optimiser fields hold memtile's
        // defaults so that fine-tuning from this artifact starts from the standard settings.
        String dataset = o.dataset() != null ? o.dataset() : "unknown (weights imported from " + origin + ")";
        String sha = o.datasetSha256() != null ? o.datasetSha256() : "unknown";
        TrainingRecord tr = new TrainingRecord(dataset, sha, 0, 0, TrainDefaults.BATCH, TrainDefaults.LR,
                TrainDefaults.BETA1, TrainDefaults.BETA2, 0L, 0.0, 1);
        ModelArtifact m = new ModelArtifact(ModelArtifact.SCHEMA_VERSION, net, target, w, tr, metrics, null);
        m.validate(Fields.root(origin));
        return m;
    }

    /** Weights as [out][in] whatever the storage layout. */
    private static double[][] oriented(NpyArrays.Named a, boolean transpose) {
        double[][] v = a.values();
        if (!transpose) return v;
        int rows = v.length;
        int cols = rows == 0 ? 0 : v[0].length;
        double[][] t = new double[cols][rows];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c][r] = v[r][c];
        return t;
    }

    private static int[] chain(List<NpyArrays.Named> layers, double[][][] w, boolean transpose) {
        int[] widths = new int[w.length + 1];
        for (int l = 0; l < w.length; l++) {
            int out = w[l].length;
            int in = out == 0 ? 0 : w[l][0].length;
            if (out == 0 || in == 0) {
                throw new MemtileException(layers.get(l).source(), layers.get(l).name(), "is empty " + shape(layers.get(l).shape()));
            }
            if (l == 0) {
                widths[0] = in;
            } else if (in != widths[l]) {
                boolean hint = chains(layers, !transpose);
                throw new MemtileException(layers.get(l).source(), layers.get(l).name(), "has shape "
                        + shape(layers.get(l).shape()) + " = " + in + " inputs (" + (transpose ? "[in][out]" : "[out][in]")
                        + " layout), but the previous layer '" + layers.get(l - 1).name() + "' has " + widths[l] + " outputs"
                        + (hint ? (transpose ? "; these arrays look [out][in]: drop --transpose" : "; arrays stored [in][out] need --transpose")
                        : "; check the array order"));
            }
            widths[l + 1] = out;
        }
        return widths;
    }

    /** True if the stored arrays chain when read in the given layout (for the --transpose hint). */
    private static boolean chains(List<NpyArrays.Named> layers, boolean transpose) {
        int prev = -1;
        for (NpyArrays.Named a : layers) {
            int rows = a.values().length;
            int cols = rows == 0 ? 0 : a.values()[0].length;
            int in = transpose ? rows : cols;
            int out = transpose ? cols : rows;
            if (prev >= 0 && in != prev) return false;
            prev = out;
        }
        return true;
    }

    private static void checkFinite(NpyArrays.Named a, double[][] w, boolean transpose) {
        for (int out = 0; out < w.length; out++) {
            for (int in = 0; in < w[out].length; in++) {
                double v = w[out][in];
                if (!Double.isFinite(v)) {
                    throw new MemtileException(a.source(), a.name() + index(out, in, transpose),
                            "is " + v + "; weights must be finite (diverged training?)");
                }
            }
        }
    }

    /** Index in the array as stored, so the user can look it up in NumPy. */
    private static String index(int out, int in, boolean transpose) {
        return transpose ? "[" + in + "][" + out + "]" : "[" + out + "][" + in + "]";
    }

    private static String shape(long[] s) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) sb.append(i == 0 ? "" : ", ").append(s[i]);
        return sb.append(s.length == 1 ? ",)" : ")").toString();
    }

    private static String join(int[] a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) sb.append(i == 0 ? "" : "->").append(a[i]);
        return sb.toString();
    }
}
