package io.memtile.compiler.lower;

import io.memtile.core.MemtileException;
import io.memtile.trainer.model.ModelArtifact;
import java.util.ArrayList;
import java.util.List;

/**
 * Pass 1: model artifact to a chain of crossbar operations. The model reader already validates
 * files, but programs also build {@link ModelArtifact}s in memory, so shapes and values are
 * re-checked here and every violation names the source and the dotted field.
 */
public final class LowerPass {
    public static final String NAME = "lower";

    private LowerPass() {}

    public static LayerGraph run(ModelArtifact m, String source) {
        if (m == null) throw new MemtileException(source, null, "no model");
        if (m.network() == null) throw new MemtileException(source, "network", "is missing");
        if (m.target() == null) throw new MemtileException(source, "target", "is missing");
        int[] layers = m.network().layers();
        if (layers == null || layers.length < 2) throw new MemtileException(source, "network.layers", "needs at least an input and an output width");
        double[] scales = m.network().layerScales();
        if (scales == null || scales.length != layers.length - 1) {
            throw new MemtileException(source, "network.layerScales", "needs one entry per weight layer (" + (layers.length - 1) + ")");
        }
        double[][][] w = m.weights();
        if (w == null || w.length != layers.length - 1) {
            throw new MemtileException(source, "weights", "has " + (w == null ? 0 : w.length) + " layers but network.layers needs " + (layers.length - 1));
        }
        List<CrossbarOp> ops = new ArrayList<>();
        for (int l = 0; l < w.length; l++) {
            if (layers[l] < 1 || layers[l + 1] < 1) throw new MemtileException(source, "network.layers[" + l + "]", "widths must be >= 1");
            if (!(scales[l] > 0) || !Double.isFinite(scales[l])) {
                throw new MemtileException(source, "network.layerScales[" + l + "]", "must be positive and finite, got " + scales[l]);
            }
            if (w[l] == null || w[l].length != layers[l + 1]) {
                throw new MemtileException(source, "weights[" + l + "]", "has " + (w[l] == null ? 0 : w[l].length)
                        + " rows but layer " + (l + 1) + " has " + layers[l + 1] + " neurons");
            }
            for (int o = 0; o < w[l].length; o++) {
                double[] row = w[l][o];
                if (row == null || row.length != layers[l]) {
                    throw new MemtileException(source, "weights[" + l + "][" + o + "]", "has " + (row == null ? 0 : row.length)
                            + " entries but layer " + l + " has " + layers[l] + " inputs");
                }
                for (int i = 0; i < row.length; i++) {
                    double v = row[i];
                    if (!Double.isFinite(v)) throw new MemtileException(source, "weights[" + l + "][" + o + "][" + i + "]", "is " + v + " (weights must be finite)");
                    if (Math.abs(v) > 1.0 + 1e-12) {
                        throw new MemtileException(source, "weights[" + l + "][" + o + "][" + i + "]",
                                "is " + v + ", outside the representable range [-1, 1] of a differential pair");
                    }
                }
            }
            ops.add(new CrossbarOp(l, layers[l], layers[l + 1], l == 0 ? "ALPHA" : "MEMBRANE", 1.0 / scales[l], w[l]));
        }
        return new LayerGraph(source, List.copyOf(ops));
    }
}
