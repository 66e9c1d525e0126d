package io.memtile.compiler.check;

import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.NeuronSite;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.MssParams;
import io.memtile.physics.mss.StochasticMss;
import io.memtile.trainer.model.ModelArtifact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Placement and programming: no two blocks of a tile share a column, and blocks share a row only
 * when it drives the same input of the same layer in both (a block split around a relocated output);
 * every logical weight placed exactly once (duplicated, overlapping or deleted blocks show here);
 * target levels in 0..N; every pair encodes its weight with the least total conductance unless a
 * device of the pair is stuck (compensation); with a model, the pair difference equals the jointly
 * optimal quantisation of the trained weight; programmed conductances within tolerance of their
 * target levels except for the recorded misses; neuron sites and partial-sum routing consistent
 * with the blocks; stats consistent.
 */
public final class PlacementCheck implements ProgramAspect {
    @Override
    public String name() { return "placement and programming"; }

    @Override
    public void check(TileProgram p, ModelArtifact model, List<String> v) {
        int[] widths = p.network().layers();
        int nl = widths.length - 1;
        int n = p.provenance().switches();
        int rows = p.target().tile().rows(), cols = p.target().tile().cols();
        MssParams dev = p.target().synapse();
        if (dev.switches() != n) v.add("target.synapse.switches: is " + dev.switches() + " but provenance.switches is " + n);
        if (model != null && !Arrays.equals(model.network().layers(), widths)) {
            v.add("network.layers: " + Arrays.toString(widths) + " differs from the model's " + Arrays.toString(model.network().layers()));
            return;
        }
        // the word-line driver is part of the trained forward map: the chip must have the rails the model was trained with
        if (model != null && !Arrays.equals(model.network().driveRange(), p.network().driveRange())) {
            v.add("network.driveRange: " + Arrays.toString(p.network().driveRange()) + " differs from the model's "
                    + Arrays.toString(model.network().driveRange()));
        }
        BitSet[] placed = new BitSet[nl];
        for (int l = 0; l < nl; l++) placed[l] = new BitSet((int) Math.min(Integer.MAX_VALUE, (long) widths[l] * widths[l + 1]));
        // tiles contributing to each neuron (layer l output j)
        List<List<TreeSet<Integer>>> contrib = new ArrayList<>();
        for (int l = 0; l < nl; l++) {
            List<TreeSet<Integer>> c = new ArrayList<>();
            for (int j = 0; j < widths[l + 1]; j++) c.add(new TreeSet<>());
            contrib.add(c);
        }
        double step = (dev.gOn() - dev.gOff()) / n;
        double tolG = Math.max(p.target().programming().toleranceLevels(), 0.5) * step * (1 + 1e-9) + 1e-18;
        long offTolerance = 0, programmed = 0;
        for (int ti = 0; ti < p.tiles().size(); ti++) {
            TileImage t = p.tiles().get(ti);
            String tf = "tiles[" + ti + "]";
            if (t.rows() != rows || t.cols() != cols) { v.add(tf + ": is " + t.rows() + "x" + t.cols() + " but the target tile is " + rows + "x" + cols); continue; }
            int[] rowOwner = new int[rows], colOwner = new int[cols];
            long[] rowInput = new long[rows]; // (layer, input) a row drives: blocks may share a row only if it is the same input
            Arrays.fill(rowOwner, -1);
            Arrays.fill(colOwner, -1);
            boolean[] inBlock = new boolean[rows * cols];
            BitSet stuck = new BitSet();
            for (int s : t.stuck()) stuck.set(s);
            for (int bi = 0; bi < t.blocks().size(); bi++) {
                Block b = t.blocks().get(bi);
                String bf = tf + ".blocks[" + bi + "]";
                if (b.layer() < 0 || b.layer() >= nl) { v.add(bf + ".layer: is " + b.layer()); continue; }
                int in = widths[b.layer()], out = widths[b.layer() + 1];
                if (b.inStart() < 0 || b.inCount() < 1 || b.inStart() + b.inCount() > in) { v.add(bf + ": inputs [" + b.inStart() + ", +" + b.inCount() + ") outside 0.." + in); continue; }
                if (b.outStart() < 0 || b.outCount() < 1 || b.outStart() + b.outCount() > out) { v.add(bf + ": outputs [" + b.outStart() + ", +" + b.outCount() + ") outside 0.." + out); continue; }
                if (b.rows().length != b.inCount() || b.plusCols().length != b.outCount() || b.minusCols().length != b.outCount()) {
                    v.add(bf + ": rows/plusCols/minusCols lengths do not match inCount/outCount");
                    continue;
                }
                boolean geomOk = true;
                for (int i = 0; i < b.inCount(); i++) {
                    int r = b.rows()[i];
                    if (r < 0 || r >= rows) { v.add(bf + ".rows[" + i + "]: row " + r + " outside 0.." + (rows - 1)); geomOk = false; continue; }
                    long drives = ((long) b.layer() << 32) | (b.inStart() + i);
                    if (rowOwner[r] >= 0 && rowInput[r] != drives) {
                        v.add(bf + ".rows[" + i + "]: row " + r + " is also used by block " + rowOwner[r] + " for another input");
                        geomOk = false;
                    }
                    rowOwner[r] = bi;
                    rowInput[r] = drives;
                }
                for (int k = 0; k < b.outCount(); k++) {
                    for (int c : new int[] {b.plusCols()[k], b.minusCols()[k]}) {
                        if (c < 0 || c >= cols) { v.add(bf + ": column " + c + " outside 0.." + (cols - 1)); geomOk = false; continue; }
                        if (colOwner[c] >= 0) { v.add(bf + ": column " + c + " is also used by block " + colOwner[c]); geomOk = false; }
                        colOwner[c] = bi;
                    }
                    contrib.get(b.layer()).get(b.outStart() + k).add(ti);
                }
                if (!geomOk) {
                    // still claim its in-range cells, so one bad column is reported once, not per cell
                    for (int k = 0; k < b.outCount(); k++) {
                        for (int r : b.rows()) {
                            for (int c : new int[] {b.plusCols()[k], b.minusCols()[k]}) {
                                if (r >= 0 && r < rows && c >= 0 && c < cols) inBlock[r * cols + c] = true;
                            }
                        }
                    }
                    continue;
                }
                for (int k = 0; k < b.outCount(); k++) {
                    int o = b.outStart() + k;
                    for (int i = 0; i < b.inCount(); i++) {
                        int x = b.inStart() + i;
                        long idx = (long) o * in + x;
                        if (placed[b.layer()].get((int) idx)) v.add(bf + ": weight [" + b.layer() + "][" + o + "][" + x + "] is placed more than once");
                        placed[b.layer()].set((int) idx);
                        int r = b.rows()[i];
                        int cp = r * cols + b.plusCols()[k], cm = r * cols + b.minusCols()[k];
                        inBlock[cp] = inBlock[cm] = true;
                        int lp = t.targetLevel()[cp], lm = t.targetLevel()[cm];
                        if (lp < 0 || lp > n || lm < 0 || lm > n) {
                            v.add(bf + ": cell (" + r + "," + b.plusCols()[k] + ")/(" + r + "," + b.minusCols()[k] + ") target levels " + lp + "/" + lm + " not reachable (0.." + n + ")");
                            continue;
                        }
                        boolean pairStuck = stuck.get(cp) || stuck.get(cm);
                        if (Math.min(lp, lm) != 0 && !pairStuck) {
                            v.add(bf + ": weight [" + b.layer() + "][" + o + "][" + x + "] pair " + lp + "/" + lm + " is not the least-conductance encoding and no device of it is stuck");
                        }
                        if (model != null && !pairStuck) {
                            // range-scaled and IR-compensated levels (issue 8): MappingChecks knows the rule
                            String bad = MappingChecks.weight(p.layers().get(b.layer()), model, b.layer(), o, x, lp - lm, n, bf);
                            if (bad != null) v.add(bad);
                        }
                        for (int c : new int[] {cp, cm}) {
                            programmed++;
                            if (Math.abs(t.conductance()[c] - StochasticMss.conductance(dev, t.targetLevel()[c])) > tolG) offTolerance++;
                        }
                    }
                }
            }
            for (int c = 0; c < rows * cols; c++) {
                if (t.targetLevel()[c] < -1 || t.targetLevel()[c] > n) v.add(tf + ".targetLevel[" + c + "]: " + t.targetLevel()[c] + " outside -1.." + n);
            }
            if (v.size() > ProgramChecker.MAX_REPORTED) return;
        }
        for (int l = 0; l < nl; l++) {
            long need = (long) widths[l] * widths[l + 1];
            long have = placed[l].cardinality();
            if (have != need) {
                int miss = placed[l].nextClearBit(0);
                v.add("layer " + l + ": " + (need - have) + " of " + need + " weights are not placed (first: [" + l + "][" + miss / widths[l] + "][" + miss % widths[l] + "])");
            }
        }
        // neurons: exactly one site per neuron of layers 1..L, routing = contributing tiles
        boolean[][] seen = new boolean[nl][];
        for (int l = 0; l < nl; l++) seen[l] = new boolean[widths[l + 1]];
        for (int s = 0; s < p.neurons().size(); s++) {
            NeuronSite ns = p.neurons().get(s);
            String nf = "neurons[" + s + "]";
            int l = ns.layer() - 1;
            if (l < 0 || l >= nl || ns.index() < 0 || ns.index() >= widths[l + 1]) { v.add(nf + ": no neuron " + ns.layer() + "/" + ns.index()); continue; }
            if (seen[l][ns.index()]) v.add(nf + ": neuron " + ns.layer() + "/" + ns.index() + " is sited twice");
            seen[l][ns.index()] = true;
            TreeSet<Integer> want = contrib.get(l).get(ns.index());
            int[] have = Arrays.stream(ns.partialTiles()).sorted().toArray();
            int[] w = want.stream().mapToInt(Integer::intValue).toArray();
            if (!Arrays.equals(have, w)) v.add(nf + ".partialTiles: " + Arrays.toString(ns.partialTiles()) + " but column current reaches it from tiles " + want);
            if (!want.contains(ns.homeTile())) v.add(nf + ".homeTile: tile " + ns.homeTile() + " holds none of its columns");
        }
        for (int l = 0; l < nl; l++) for (int j = 0; j < seen[l].length; j++) if (!seen[l][j]) { v.add("neurons: neuron " + (l + 1) + "/" + j + " has no site"); break; }
        if (p.stats().tilesUsed() != p.tiles().size()) v.add("stats.tilesUsed: is " + p.stats().tilesUsed() + " but there are " + p.tiles().size() + " tiles");
        long allowed = Math.round(p.stats().missFraction() * p.stats().cellsUsed());
        if (offTolerance > allowed) {
            v.add("tiles: " + offTolerance + " programmed devices are off their target level by more than the tolerance, but stats record only " + allowed + " misses");
        }
        if (programmed != p.stats().cellsUsed()) v.add("stats.cellsUsed: is " + p.stats().cellsUsed() + " but blocks hold " + programmed + " devices");
    }
}
