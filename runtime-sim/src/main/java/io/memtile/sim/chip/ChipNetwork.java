package io.memtile.sim.chip;

import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.physics.crossbar.IrDropSolver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Builds the per-layer {@link LayerOperator}s of a {@link ChipInstance}: the tile images reduced to
 * the linear maps the time-step engine applies. With IR drop on, each column pair's transfer comes
 * from an exact {@link IrDropSolver#pairTransfers} solve (all pairs of a tile at once, tiles in parallel); otherwise it is the cell
 * conductance difference G(r,c+) - G(r,c-) (ideal wires, virtual-ground bit lines).
 */
public final class ChipNetwork {
    private ChipNetwork() {}

    /** One column pair to evaluate: neuron j of layer l on tile t. */
    private record Pair(int tile, int layer, Block block, int out) {}

    public static LayerOperator[] build(ChipInstance chip, boolean irDrop, boolean drift, boolean readNoise, int threads) {
        TileProgram p = chip.program();
        int nl = p.layers().size();
        int nt = p.tiles().size();
        double rWire = p.target().tile().wireResistanceOhm();
        boolean ir = irDrop && rWire > 0;

        boolean[][] sensed = new boolean[nt][];
        for (int t = 0; t < nt; t++) {
            TileImage tile = p.tiles().get(t);
            sensed[t] = new boolean[tile.cols()];
            for (Block b : tile.blocks()) {
                for (int c : b.plusCols()) sensed[t][c] = true;
                for (int c : b.minusCols()) sensed[t][c] = true;
            }
        }
        // bit-line voltage per sensed column: the reference of the membrane-driven layer whose block uses it (null for a
        // tile whose columns all sit at 0 V)
        double[][] colRef = new double[nt][];
        for (int t = 0; t < nt; t++) {
            for (Block b : p.tiles().get(t).blocks()) {
                if (b.layer() < 1 || b.layer() >= nl || p.layers().get(b.layer()).bitline() == null) continue;
                double vr = p.layers().get(b.layer()).bitline().vRef();
                if (colRef[t] == null) colRef[t] = new double[p.tiles().get(t).cols()];
                for (int c : b.plusCols()) if (c >= 0) colRef[t][c] = vr;
                for (int c : b.minusCols()) if (c >= 0) colRef[t][c] = vr;
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            for (Block b : p.tiles().get(t).blocks()) {
                for (int o = 0; o < b.outCount(); o++) pairs.add(new Pair(t, b.layer(), b, o));
            }
        }
        double[][] vec = new double[pairs.size()][];
        double[][] vecOff = drift ? new double[pairs.size()][] : null;
        if (ir) {
            // every pair of a tile in one batched solve (the same call the compiler's irdrop pass makes), tiles in parallel
            List<List<Integer>> byTile = new ArrayList<>();
            for (int t = 0; t < nt; t++) byTile.add(new ArrayList<>());
            for (int k = 0; k < pairs.size(); k++) byTile.get(pairs.get(k).tile).add(k);
            ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
            try {
                pool.submit(() -> IntStream.range(0, nt * (drift ? 2 : 1)).parallel().forEach(job -> {
                    int t = job % nt;
                    boolean off = job >= nt;
                    List<Integer> ks = byTile.get(t);
                    if (ks.isEmpty()) return;
                    int[] pc = new int[ks.size()], mc = new int[ks.size()];
                    for (int i = 0; i < pc.length; i++) {
                        Pair pr = pairs.get(ks.get(i));
                        pc[i] = pr.block.plusCols()[pr.out];
                        mc[i] = pr.block.minusCols()[pr.out];
                    }
                    TileImage tile = p.tiles().get(t);
                    double[] g = off ? chip.offConductance(t) : chip.conductance(t);
                    double[][] tr = new IrDropSolver(tile.rows(), tile.cols(), g, rWire, sensed[t]).pairTransfers(pc, mc);
                    for (int i = 0; i < pc.length; i++) (off ? vecOff : vec)[ks.get(i)] = tr[i];
                })).join();
            } finally {
                pool.shutdown();
            }
        } else {
            for (int k = 0; k < pairs.size(); k++) {
                Pair pr = pairs.get(k);
                TileImage tile = p.tiles().get(pr.tile);
                int pc = pr.block.plusCols()[pr.out], mc = pr.block.minusCols()[pr.out];
                vec[k] = ideal(chip.conductance(pr.tile), tile.rows(), tile.cols(), pc, mc);
                if (drift) vecOff[k] = ideal(chip.offConductance(pr.tile), tile.rows(), tile.cols(), pc, mc);
            }
        }

        LayerOperator[] ops = new LayerOperator[nl];
        for (int l = 0; l < nl; l++) {
            LayerMapping lm = p.layers().get(l);
            int nin = lm.inputs(), nout = lm.outputs();
            double[] w = new double[nout * nin];
            double[] wOff = drift ? new double[nout * nin] : null;
            double[] q = readNoise ? new double[nout * nin] : null;
            for (int k = 0; k < pairs.size(); k++) {
                Pair pr = pairs.get(k);
                if (pr.layer != l) continue;
                TileImage tile = p.tiles().get(pr.tile);
                double[] g = chip.conductance(pr.tile);
                int cols = tile.cols();
                int j = pr.block.outStart() + pr.out;
                int pc = pr.block.plusCols()[pr.out], mc = pr.block.minusCols()[pr.out];
                // a row shared by two blocks (a block split around a relocated output) carries its input once
                boolean[] rowSeen = new boolean[tile.rows()];
                for (Block b2 : tile.blocks()) {
                    if (b2.layer() != l) continue;
                    for (int kk = 0; kk < b2.inCount(); kk++) {
                        int r = b2.rows()[kk];
                        if (rowSeen[r]) continue;
                        rowSeen[r] = true;
                        int i = b2.inStart() + kk;
                        w[j * nin + i] += vec[k][r];
                        if (drift) wOff[j * nin + i] += vecOff[k][r];
                        if (readNoise) {
                            double gp = g[r * cols + pc], gm = g[r * cols + mc];
                            q[j * nin + i] += gp * gp + gm * gm;
                        }
                    }
                }
            }
            // physical word lines of this layer and their Joule loads (and, with bit-line references, their loads into referenced columns)
            List<int[]> rows = new ArrayList<>();
            List<double[]> loads = new ArrayList<>();
            boolean anyRef = false;
            long cells = 0;
            double gSum = 0;
            for (int t = 0; t < nt; t++) {
                TileImage tile = p.tiles().get(t);
                double[] g = chip.conductance(t), off = chip.offConductance(t);
                int cols = tile.cols();
                boolean[] rowSeen = new boolean[tile.rows()];
                for (Block b : tile.blocks()) {
                    if (b.layer() != l) continue;
                    for (int kk = 0; kk < b.inCount(); kk++) {
                        int r = b.rows()[kk];
                        for (int o = 0; o < b.outCount(); o++) {
                            gSum += g[r * cols + b.plusCols()[o]] + g[r * cols + b.minusCols()[o]];
                        }
                        if (rowSeen[r]) continue; // shared row (split block): one word line, one Joule load
                        rowSeen[r] = true;
                        double s = 0, so = 0, sv = 0, sv2 = 0, svo = 0, sv2o = 0;
                        double[] vb = colRef[t];
                        for (int c = 0; c < cols; c++) {
                            if (!sensed[t][c]) continue;
                            s += g[r * cols + c];
                            so += off[r * cols + c];
                            if (vb != null && vb[c] != 0) {
                                sv += vb[c] * g[r * cols + c];
                                sv2 += vb[c] * vb[c] * g[r * cols + c];
                                svo += vb[c] * off[r * cols + c];
                                sv2o += vb[c] * vb[c] * off[r * cols + c];
                            }
                        }
                        anyRef |= vb != null;
                        rows.add(new int[] {t, b.inStart() + kk});
                        loads.add(new double[] {s, so, sv, sv2, svo, sv2o});
                    }
                    cells += 2L * b.inCount() * b.outCount();
                }
            }
            int nr = rows.size();
            int[] rowTile = new int[nr], rowInput = new int[nr];
            double[] rowS = new double[nr], rowSOff = drift ? new double[nr] : null;
            RowRefLoads refLoads = anyRef ? new RowRefLoads(new double[nr], new double[nr], drift ? new double[nr] : null,
                    drift ? new double[nr] : null) : null;
            for (int k = 0; k < nr; k++) {
                rowTile[k] = rows.get(k)[0];
                rowInput[k] = rows.get(k)[1];
                rowS[k] = loads.get(k)[0];
                if (drift) rowSOff[k] = loads.get(k)[1];
                if (refLoads != null) {
                    refLoads.sv()[k] = loads.get(k)[2];
                    refLoads.sv2()[k] = loads.get(k)[3];
                    if (drift) {
                        refLoads.svOff()[k] = loads.get(k)[4];
                        refLoads.sv2Off()[k] = loads.get(k)[5];
                    }
                }
            }
            var bl = l >= 1 ? lm.bitline() : null; // layer 0 is alpha-driven (the checker refuses a reference there)
            ops[l] = new LayerOperator(l, nin, nout, lm.currentGain(), w, wOff, q, rowTile, rowInput, rowS, rowSOff, cells,
                    cells == 0 ? 0 : gSum / cells, bl == null ? 0 : bl.vRef(), bl == null ? null : bl.compensation().clone(), refLoads);
            if (lm.columnGains() != null) ops[l] = ops[l].withOutputGains(lm.columnGains()); // per-column range / IR-drop gain
        }
        return ops;
    }

    private static double[] ideal(double[] g, int rows, int cols, int pc, int mc) {
        double[] v = new double[rows];
        for (int r = 0; r < rows; r++) v[r] = g[r * cols + pc] - (mc >= 0 ? g[r * cols + mc] : 0);
        return v;
    }
}
