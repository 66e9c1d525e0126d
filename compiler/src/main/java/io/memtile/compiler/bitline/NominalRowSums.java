package io.memtile.compiler.bitline;

import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.MssParams;
import io.memtile.physics.crossbar.IrDropSolver;
import io.memtile.physics.mss.StochasticMss;
import java.util.List;

/**
 * sum_i w_ji of one weight layer as the compiler designed it: every cell at the nominal conductance of its
 * target level (level 0 where it has none), no faults, no variation. The sum runs over the same cells the
 * simulator's operator couples into neuron j (every tile holding a partial of j, every word line of the
 * layer on that tile, each shared row once), so on a chip that reads exactly these conductances the
 * compensation V_ref * sum_i w_ji cancels the reference term to rounding.
 *
 * <p>Wires: when the program was compiled with the IR-drop pass (a layer has {@code irGain}) and the target
 * has resistive wires, the designed transfer is the exact IR-drop solve of the nominal cells (the targets were
 * chosen to match the weights through the IR drop; the same rule as the calibration's designed response);
 * otherwise ideal wires, T_r = G+_r - G-_r.
 */
public final class NominalRowSums {
    private NominalRowSums() {}

    /** Whether the designed transfer of {@code p} includes the IR drop. */
    public static boolean irDesigned(TileProgram p) {
        return p.target().tile().wireResistanceOhm() > 0 && p.target().nonIdealities().wireResistance()
                && p.layers().stream().anyMatch(l -> l.irGain() != null);
    }

    /** Per output j of layer {@code l}: sum_i dI_j/dV_i (S) of the nominal chip, before any gain. */
    public static double[] of(TileProgram p, int l) {
        LayerMapping lm = p.layers().get(l);
        MssParams syn = p.target().synapse();
        boolean ir = irDesigned(p);
        double rWire = p.target().tile().wireResistanceOhm();
        double[] sum = new double[lm.outputs()];
        List<TileImage> tiles = p.tiles();
        for (TileImage tile : tiles) {
            boolean any = false;
            for (Block b : tile.blocks()) any |= b.layer() == l;
            if (!any) continue;
            int rows = tile.rows(), cols = tile.cols();
            double[] g = new double[rows * cols];
            for (int c = 0; c < g.length; c++) g[c] = StochasticMss.conductance(syn, Math.max(tile.targetLevel()[c], 0));
            // the word lines of this layer on this tile, each once (a row shared by a split block carries its input once)
            boolean[] layerRow = new boolean[rows];
            for (Block b : tile.blocks()) {
                if (b.layer() != l) continue;
                for (int r : b.rows()) layerRow[r] = true;
            }
            int pairs = 0;
            for (Block b : tile.blocks()) if (b.layer() == l) pairs += b.outCount();
            int[] pc = new int[pairs], mc = new int[pairs], out = new int[pairs];
            int k = 0;
            for (Block b : tile.blocks()) {
                if (b.layer() != l) continue;
                for (int o = 0; o < b.outCount(); o++, k++) {
                    pc[k] = b.plusCols()[o];
                    mc[k] = b.minusCols()[o];
                    out[k] = b.outStart() + o;
                }
            }
            double[][] tr;
            if (ir) {
                boolean[] sensed = new boolean[cols];
                for (Block b : tile.blocks()) {
                    for (int c : b.plusCols()) sensed[c] = true;
                    for (int c : b.minusCols()) sensed[c] = true;
                }
                tr = new IrDropSolver(rows, cols, g, rWire, sensed).pairTransfers(pc, mc);
            } else {
                tr = new double[pairs][rows];
                for (int q = 0; q < pairs; q++) {
                    for (int r = 0; r < rows; r++) tr[q][r] = g[r * cols + pc[q]] - (mc[q] >= 0 ? g[r * cols + mc[q]] : 0);
                }
            }
            for (int q = 0; q < pairs; q++) {
                double s = 0;
                for (int r = 0; r < rows; r++) if (layerRow[r]) s += tr[q][r];
                sum[out[q]] += s;
            }
        }
        return sum;
    }

    /**
     * The compensation currents (A) of layer {@code l} for bit-line reference {@code vRef}: b_j = currentGain *
     * columnGain(j) * vRef * sum_i w_ji (nominal), the current the neuron's compensation DAC injects.
     */
    public static double[] compensation(TileProgram p, int l, double vRef) {
        LayerMapping lm = p.layers().get(l);
        double[] s = of(p, l);
        double[] b = new double[s.length];
        for (int j = 0; j < s.length; j++) b[j] = lm.currentGain() * lm.columnGain(j) * vRef * s[j];
        return b;
    }
}
