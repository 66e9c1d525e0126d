package io.memtile.sim;

import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.NeuronSite;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.json.Fields;
import io.memtile.datasets.Dataset;
import java.util.HashSet;
import java.util.Set;

/**
 * What the simulator needs of a program beyond its schema: every block, row, column and neuron
 * index inside its tile and layer, so a corrupt program fails with the offending field named
 * instead of an index exception mid-run.
 */
public final class ProgramChecks {
    private ProgramChecks() {}

    public static void check(TileProgram p, String source) {
        Fields f = Fields.root(source);
        int[] widths = p.network().layers();
        int depth = widths.length - 1;
        f.check(p.layers().size() == depth, "layers", "has " + p.layers().size() + " entries but network.layers needs " + depth);
        for (int l = 0; l < depth; l++) {
            LayerMapping lm = p.layers().get(l);
            Fields lf = f.index("layers", l);
            lf.check(lm.layer() == l, "layer", "is " + lm.layer() + ", expected " + l);
            lf.check(lm.inputs() == widths[l], "inputs", "is " + lm.inputs() + " but network.layers[" + l + "] = " + widths[l]);
            lf.check(lm.outputs() == widths[l + 1], "outputs", "is " + lm.outputs() + " but network.layers[" + (l + 1) + "] = " + widths[l + 1]);
            lf.finite("currentGain", lm.currentGain());
            for (double[] arr : new double[][] {lm.columnScale(), lm.irGain()}) {
                if (arr == null) continue;
                lf.check(arr.length == lm.outputs(), arr == lm.irGain() ? "irGain" : "columnScale", "has " + arr.length + " entries for "
                        + lm.outputs() + " outputs");
                for (double g : arr) lf.check(Double.isFinite(g) && g > 0, arr == lm.irGain() ? "irGain" : "columnScale", "has " + g + ", must be finite and > 0");
            }
        }
        f.check(!p.tiles().isEmpty(), "tiles", "is empty");
        Set<Integer> ids = new HashSet<>();
        for (int t = 0; t < p.tiles().size(); t++) {
            TileImage tile = p.tiles().get(t);
            Fields tf = f.index("tiles", t);
            tf.check(ids.add(tile.id()), "id", "duplicate tile id " + tile.id());
            tf.present("blocks", tile.blocks());
            for (int b = 0; b < tile.blocks().size(); b++) {
                Block bl = tile.blocks().get(b);
                Fields bf = tf.index("blocks", b);
                bf.range("layer", bl.layer(), 0, depth - 1);
                LayerMapping lm = p.layers().get(bl.layer());
                bf.check(bl.inStart() >= 0 && bl.inCount() >= 0 && bl.inStart() + bl.inCount() <= lm.inputs(), "inCount",
                        "inputs [" + bl.inStart() + ", " + (bl.inStart() + bl.inCount()) + ") exceed layer fan-in " + lm.inputs());
                bf.check(bl.outStart() >= 0 && bl.outCount() >= 0 && bl.outStart() + bl.outCount() <= lm.outputs(), "outCount",
                        "outputs [" + bl.outStart() + ", " + (bl.outStart() + bl.outCount()) + ") exceed layer width " + lm.outputs());
                bf.check(bl.rows() != null && bl.rows().length == bl.inCount(), "rows", "must have inCount entries");
                bf.check(bl.plusCols() != null && bl.plusCols().length == bl.outCount(), "plusCols", "must have outCount entries");
                bf.check(bl.minusCols() != null && bl.minusCols().length == bl.outCount(), "minusCols", "must have outCount entries");
                for (int k = 0; k < bl.rows().length; k++) bf.range("rows[" + k + "]", bl.rows()[k], 0, tile.rows() - 1);
                for (int k = 0; k < bl.outCount(); k++) {
                    bf.range("plusCols[" + k + "]", bl.plusCols()[k], 0, tile.cols() - 1);
                    bf.range("minusCols[" + k + "]", bl.minusCols()[k], 0, tile.cols() - 1);
                }
            }
        }
        for (int k = 0; k < p.neurons().size(); k++) {
            NeuronSite s = p.neurons().get(k);
            Fields nf = f.index("neurons", k);
            nf.range("layer", s.layer(), 1, depth);
            nf.range("index", s.index(), 0, widths[s.layer()] - 1);
            nf.check(ids.contains(s.homeTile()), "homeTile", "names tile " + s.homeTile() + ", which is not in tiles");
        }
    }

    /** The dataset must feed layer 0 and fit the output layer. */
    public static void checkDataset(TileProgram p, Dataset d, String source) {
        Fields f = Fields.root(source);
        int in = p.network().layers()[0];
        int out = p.network().layers()[p.network().layers().length - 1];
        f.check(d.dim() == in, "dim", "samples have " + d.dim() + " features but the program's layer 0 has " + in + " inputs");
        f.check(d.classes() <= out, "classes", "has " + d.classes() + " classes but the program's output layer has " + out + " neurons");
        f.check(d.size() > 0, "size", "is empty");
    }
}
