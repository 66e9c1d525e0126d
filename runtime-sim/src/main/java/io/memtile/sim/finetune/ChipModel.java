package io.memtile.sim.finetune;

import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.physics.crossbar.IrAttenuation;
import io.memtile.sim.chip.ChipInstance;
import io.memtile.sim.chip.ChipNetwork;
import io.memtile.sim.chip.LayerOperator;
import io.memtile.trainer.hwaware.FixedChip;
import io.memtile.trainer.hwaware.HwTransform;

/**
 * What {@code memtile finetune} knows about one chip: the stuck map and the IR-drop transfer of the
 * chip instance the simulator builds for this program and seed, reduced to the per-weight terms of
 * the trainer's {@link FixedChip}.
 *
 * <ul>
 *   <li>stuck: the cells that fail after programming on this instance (ChipInstance, stream
 *       "sim-stuck"; their positions do not depend on the weights, so a recompiled program meets the
 *       same ones), each at the conductance the chip reads, and the devices write-verify found stuck
 *       but could not repair (UNREPAIRED in compile-report.json). The other cells write-verify found
 *       stuck (TileImage.stuck) are only counted: the compiler compensates them by re-targeting the
 *       partner or moves the pair, and will do so again for the fine-tuned weights;</li>
 *   <li>IR drop: the per-cell attenuation {@link IrAttenuation} on the chip's own conductances and
 *       placement, plus a per-weight offset that makes the model exact at the programmed point: the
 *       simulator's exact transfer (ChipNetwork with IrDropSolver) minus the per-cell model evaluated
 *       on the programmed conductances. The offset carries what the per-cell model misses (sneak paths,
 *       leakage of cells outside a block that share a bit line), not programming error, which the
 *       next compile re-draws.</li>
 *   <li>the compiler's compensation: range mapping puts s_o w on the devices and divides s_o out of the
 *       current (FixedChip.outputScale, from rangeScale / columnScale), so the model quantises s_o w as the
 *       compiler does; an IR-compensated layer (irGain) is modelled with unit attenuation, because the
 *       recompile pre-distorts the new weights' targets so that their transfer is again the designed one
 *       (the residual the compensation leaves is in the offset).</li>
 * </ul>
 * The offset is taken against the model at the program's trained weights w0 (the designed levels,
 * no programming error), so that T(w0) equals the simulator's transfer in trained-weight units,
 * exact_w / (gUnit rangeScale), which is what the neuron sees.
 * Device-to-device variation and read noise are not part of the chip's known state here (they are
 * sampled during fine-tuning), so the instance is built with both off.
 */
public final class ChipModel {
    private ChipModel() {}

    /** The chip's terms and how many stuck cells each source contributed. */
    public record Result(FixedChip chip, long knownStuck, long freshStuck, long unrepairedStuck, double offsetRms, double maxAttenuationLoss) {}

    public static Result build(TileProgram p, double[][][] w0, int switches, long chipSeed, int threads) {
        return build(p, w0, switches, java.util.List.of(), chipSeed, threads);
    }

    /**
     * @param w0         the weights the program was compiled from (the model's), [layer][output][input]
     * @param switches   N of the model's level rounding (0 = continuous), as fine-tuning's HwTransform uses
     * @param unrepaired {tile, row, col} of the stuck devices the compiler left in place (RecordedCompile)
     */
    public static Result build(TileProgram p, double[][][] w0, int switches, java.util.List<int[]> unrepaired, long chipSeed, int threads) {
        // fine-tuning's chip model is the transfer with bit lines at 0 V; with a bit-line reference the chip's error
        // term is sum_i dw_ji (V_i - V_ref) plus the compensation's mismatch, which this model does not carry
        for (int l = 0; l < p.layers().size(); l++) {
            if (p.layers().get(l).bitline() != null) {
                throw new io.memtile.core.MemtileException("program.json", "layers[" + l + "].bitline",
                        "finetune does not model a bit-line reference; fine-tune a program compiled without --bitline-ref, then recompile with it");
            }
        }
        NonIdealities ni = p.target().nonIdealities();
        NonIdealities known = new NonIdealities(0, 0, ni.stuckAtRate(), ni.stuckOnFraction(), 0, ni.wireResistance(), ni.fieldFailureRate());
        ChipInstance chip = ChipInstance.build(p, known, chipSeed);
        double rWire = p.target().tile().wireResistanceOhm();
        boolean wire = ni.wireResistance() && rWire > 0;
        LayerOperator[] ops = ChipNetwork.build(chip, wire, false, false, threads);
        int nl = p.layers().size();
        boolean[][] sp = new boolean[nl][], sm = new boolean[nl][];
        double[][] gp = new double[nl][], gm = new double[nl][], ap = new double[nl][], am = new double[nl][], off = new double[nl][];
        for (int l = 0; l < nl; l++) {
            LayerMapping lm = p.layers().get(l);
            int n = lm.inputs() * lm.outputs();
            sp[l] = new boolean[n];
            sm[l] = new boolean[n];
            gp[l] = new double[n];
            gm[l] = new double[n];
            ap[l] = new double[n];
            am[l] = new double[n];
            off[l] = new double[n];
            java.util.Arrays.fill(ap[l], 1);
            java.util.Arrays.fill(am[l], 1);
        }
        long knownStuck = 0, freshStuck = 0, unrepairedStuck = 0;
        boolean[][] unrep = new boolean[p.tiles().size()][];
        for (int[] u : unrepaired) {
            if (u[0] < 0 || u[0] >= unrep.length) continue;
            TileImage ti = p.tiles().get(u[0]);
            if (unrep[u[0]] == null) unrep[u[0]] = new boolean[ti.rows() * ti.cols()];
            if (u[1] >= 0 && u[1] < ti.rows() && u[2] >= 0 && u[2] < ti.cols()) unrep[u[0]][u[1] * ti.cols() + u[2]] = true;
        }
        double maxLoss = 0;
        for (int t = 0; t < p.tiles().size(); t++) {
            TileImage tile = p.tiles().get(t);
            int cols = tile.cols();
            double[] g = chip.conductance(t);
            boolean[] knownMask = new boolean[g.length];
            if (tile.stuck() != null) for (int s : tile.stuck()) if (s >= 0 && s < g.length) knownMask[s] = true;
            boolean[] sensed = new boolean[cols];
            for (Block b : tile.blocks()) {
                for (int c : b.plusCols()) sensed[c] = true;
                for (int c : b.minusCols()) sensed[c] = true;
            }
            double[] a = wire ? IrAttenuation.factors(tile.rows(), cols, g, rWire, sensed) : null;
            for (Block b : tile.blocks()) {
                int l = b.layer(), nin = p.layers().get(l).inputs();
                for (int kk = 0; kk < b.inCount(); kk++) {
                    int r = b.rows()[kk], i = b.inStart() + kk;
                    for (int o = 0; o < b.outCount(); o++) {
                        int j = b.outStart() + o, k = j * nin + i;
                        int cp = r * cols + b.plusCols()[o], cm = r * cols + b.minusCols()[o];
                        gp[l][k] = g[cp];
                        gm[l][k] = g[cm];
                        if (knownMask[cp]) knownStuck++;
                        if (knownMask[cm]) knownStuck++;
                        if (chip.freshStuck(t, cp)) { sp[l][k] = true; freshStuck++; }
                        if (chip.freshStuck(t, cm)) { sm[l][k] = true; freshStuck++; }
                        if (unrep[t] != null && unrep[t][cp]) { sp[l][k] = true; unrepairedStuck++; }
                        if (unrep[t] != null && unrep[t][cm]) { sm[l][k] = true; unrepairedStuck++; }
                        if (a != null) {
                            ap[l][k] = a[cp];
                            am[l][k] = a[cm];
                            maxLoss = Math.max(maxLoss, Math.max(1 - a[cp], 1 - a[cm]));
                        }
                    }
                }
            }
        }
        double se = 0;
        long n = 0;
        double gOn = p.target().synapse().gOn(), gOff = p.target().synapse().gOff();
        double[][] scale = new double[nl][];
        for (int l = 0; l < nl; l++) {
            LayerMapping lm = p.layers().get(l);
            double gUnit = lm.gUnit();
            int nin = lm.inputs();
            boolean compensated = wire && lm.irGain() != null;
            if (compensated) {
                java.util.Arrays.fill(ap[l], 1);
                java.util.Arrays.fill(am[l], 1);
            }
            scale[l] = new double[lm.outputs()];
            for (int j = 0; j < scale[l].length; j++) scale[l][j] = lm.scale(j);
            double[] exact = ops[l].w();
            for (int k = 0; k < exact.length; k++) {
                int j = k / nin;
                double s = scale[l][j], wk = w0[l][j][k % nin];
                // the designed devices at w0 (nominal range, no programming error), stuck ones as the chip reads them
                double dp = sp[l][k] ? gp[l][k] : gOff + HwTransform.state(s * Math.max(wk, 0), switches) * (gOn - gOff);
                double dm = sm[l][k] ? gm[l][k] : gOff + HwTransform.state(s * Math.max(-wk, 0), switches) * (gOn - gOff);
                double model = (ap[l][k] * dp - am[l][k] * dm) / (gUnit * s);
                off[l][k] = exact[k] / (gUnit * lm.scale()) - model;
                se += off[l][k] * off[l][k];
                n++;
            }
        }
        FixedChip fc = new FixedChip(sp, sm, gp, gm, ap, am, off, scale);
        return new Result(fc, knownStuck, freshStuck, unrepairedStuck, Math.sqrt(se / Math.max(1, n)), maxLoss);
    }
}
