package io.memtile.cli;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import io.memtile.trainer.importer.NpyImport;
import io.memtile.trainer.model.ModelArtifact;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memtile import}: NumPy weights (.npz / .npy) to a model artifact. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import externally trained weights (NumPy .npz or .npy, PyTorch nn.Linear [out][in] layout) as model.json.",
                "Layer order: the .npz arrays in archive order (as passed to np.savez), then --npy files in the order given.",
                "Checks the shape chain (e.g. 784->100->10), finiteness and the [-1, 1] range of a differential pair."})
public final class ImportCommand implements Callable<Integer> {
    @Option(names = "--npz", description = "An .npz archive of weight matrices (np.savez or np.savez_compressed).")
    Path npz;
    @Option(names = "--npy", description = "A weight matrix .npy file; repeat in layer order.")
    List<Path> npy;
    @Option(names = "--target", defaultValue = Targets.DEFAULT, description = "Target name or JSON path (default: ${DEFAULT-VALUE}).")
    String target;
    @Option(names = "--out", required = true, description = "Model artifact to write.")
    Path out;
    @Option(names = "--transpose", description = "Arrays are stored [in][out] (Keras/JAX) instead of nn.Linear's [out][in].")
    boolean transpose;
    @Option(names = "--rescale", description = "Divide a layer whose max |w| exceeds 1 by that max (folded into its layer scale; recorded in metrics) instead of failing.")
    boolean rescale;
    @Option(names = "--ignore-bias", description = "Drop rank-1 arrays (biases) instead of failing; a crossbar has no bias row.")
    boolean ignoreBias;
    @Option(names = "--layers", split = ",", description = "Require these layer widths, e.g. 784,100,10.")
    int[] layers;
    @Option(names = "--dataset", description = "Dataset the weights were trained on (mnist | fashion-mnist | idx:DIR | embedded:...); its training split is loaded to record its SHA-256.")
    String dataset;

    @Option(names = "--force", description = "replace --out even if it is not a previous memtile output of this kind (never an input)")
    boolean force;

    @Override
    public Integer call() {
        if (npz == null && (npy == null || npy.isEmpty())) {
            throw new MemtileException("import", "npz", "give --npz FILE and/or --npy FILE (repeatable)");
        }
        java.util.List<Path> ins = new java.util.ArrayList<>(npy == null ? java.util.List.of() : npy);
        ins.add(npz);
        ins.add(OutputKinds.targetInput(target));
        io.memtile.core.output.OutputGuard.check(out, OutputKinds.MODEL, force, "--out", ins.toArray(new Path[0]));
        Target t = Targets.load(target);
        String dsName = null;
        String dsSha = null;
        if (dataset != null) {
            Dataset d = Datasets.load(dataset, Split.TRAIN);
            dsName = d.name();
            dsSha = d.sha256();
        }
        ModelArtifact m = NpyImport.fromFiles(npz, npy, t, new NpyImport.Options(transpose, rescale, ignoreBias, layers, dsName, dsSha));
        Json.write(out, m);
        int[] w = m.network().layers();
        StringBuilder chain = new StringBuilder();
        for (int i = 0; i < w.length; i++) chain.append(i == 0 ? "" : "->").append(w[i]);
        System.out.printf(Locale.ROOT, "imported %s for target %s -> %s%n", chain, t.name(), out);
        for (int l = 0; l < w.length - 1; l++) {
            System.out.printf(Locale.ROOT, "  layer %d: %dx%d  max|w| %.4g  rescale %.4g  layerScale %.4g%n", l, w[l + 1], w[l],
                    m.metrics().get("import.maxAbs." + l), m.metrics().get("import.rescale." + l), m.network().layerScales()[l]);
        }
        return 0;
    }
}
