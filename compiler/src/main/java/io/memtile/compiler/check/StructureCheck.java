package io.memtile.compiler.check;

import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.NeuronSite;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.trainer.model.ModelArtifact;
import java.util.List;

/**
 * Indices and sizes every other aspect (and the simulator) relies on: one mapping per weight layer
 * with the network's fan-in and width, tiles of the target's size and in id order, block geometry
 * inside its tile and layer, neuron sites inside the network. The other aspects run only when this
 * one is clean, so they can index without guarding.
 */
public final class StructureCheck implements ProgramAspect {
    @Override
    public String name() { return "structure"; }

    @Override
    public boolean laterAspectsNeedMeClean() { return true; }

    @Override
    public void check(TileProgram p, ModelArtifact model, List<String> v) {
        int[] widths = p.network().layers();
        int nl = widths.length - 1;
        int rows = p.target().tile().rows(), cols = p.target().tile().cols();
        if (p.layers().size() != nl) v.add("layers: has " + p.layers().size() + " mappings for " + nl + " weight layers");
        for (int l = 0; l < Math.min(nl, p.layers().size()); l++) {
            LayerMapping lm = p.layers().get(l);
            String f = "layers[" + l + "]";
            if (lm.layer() != l) v.add(f + ".layer: is " + lm.layer() + ", expected " + l);
            if (lm.inputs() != widths[l]) v.add(f + ".inputs: is " + lm.inputs() + " but network.layers[" + l + "] = " + widths[l]);
            if (lm.outputs() != widths[l + 1]) v.add(f + ".outputs: is " + lm.outputs() + " but network.layers[" + (l + 1) + "] = " + widths[l + 1]);
        }
        if (p.tiles().isEmpty()) v.add("tiles: is empty");
        for (int ti = 0; ti < p.tiles().size(); ti++) {
            TileImage t = p.tiles().get(ti);
            String tf = "tiles[" + ti + "]";
            if (t.id() != ti) v.add(tf + ".id: is " + t.id() + ", expected " + ti + " (tiles are listed in id order)");
            if (t.rows() != rows || t.cols() != cols) {
                v.add(tf + ": is " + t.rows() + "x" + t.cols() + " but the target tile is " + rows + "x" + cols);
                continue;
            }
            for (int bi = 0; bi < t.blocks().size(); bi++) {
                Block b = t.blocks().get(bi);
                String bf = tf + ".blocks[" + bi + "]";
                if (b == null) { v.add(bf + ": is null"); continue; }
                if (b.layer() < 0 || b.layer() >= nl) { v.add(bf + ".layer: is " + b.layer() + ", outside 0.." + (nl - 1)); continue; }
                int in = widths[b.layer()], out = widths[b.layer() + 1];
                if (b.inStart() < 0 || b.inCount() < 1 || (long) b.inStart() + b.inCount() > in) {
                    v.add(bf + ": inputs [" + b.inStart() + ", +" + b.inCount() + ") outside 0.." + in);
                }
                if (b.outStart() < 0 || b.outCount() < 1 || (long) b.outStart() + b.outCount() > out) {
                    v.add(bf + ": outputs [" + b.outStart() + ", +" + b.outCount() + ") outside 0.." + out);
                }
                if (b.rows() == null || b.plusCols() == null || b.minusCols() == null
                        || b.rows().length != b.inCount() || b.plusCols().length != b.outCount() || b.minusCols().length != b.outCount()) {
                    v.add(bf + ": rows/plusCols/minusCols lengths do not match inCount/outCount");
                    continue;
                }
                for (int i = 0; i < b.rows().length; i++) {
                    if (b.rows()[i] < 0 || b.rows()[i] >= rows) v.add(bf + ".rows[" + i + "]: row " + b.rows()[i] + " outside 0.." + (rows - 1));
                }
                for (int k = 0; k < b.outCount(); k++) {
                    if (b.plusCols()[k] < 0 || b.plusCols()[k] >= cols) v.add(bf + ".plusCols[" + k + "]: column " + b.plusCols()[k] + " outside 0.." + (cols - 1));
                    if (b.minusCols()[k] < 0 || b.minusCols()[k] >= cols) v.add(bf + ".minusCols[" + k + "]: column " + b.minusCols()[k] + " outside 0.." + (cols - 1));
                }
            }
        }
        for (int s = 0; s < p.neurons().size(); s++) {
            NeuronSite ns = p.neurons().get(s);
            String nf = "neurons[" + s + "]";
            int l = ns.layer() - 1;
            if (l < 0 || l >= nl || ns.index() < 0 || ns.index() >= widths[l + 1]) { v.add(nf + ": no neuron " + ns.layer() + "/" + ns.index()); continue; }
            // homeTile and partialTiles are compared with the blocks by PlacementCheck (a deleted tile shows there as unplaced weights)
            if (ns.partialTiles() == null) v.add(nf + ".partialTiles: is missing");
        }
    }
}
