package io.memtile.sim.chip;

import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.rng.Seeds;
import io.memtile.core.target.MssParams;
import io.memtile.core.target.NonIdealities;
import java.util.SplittableRandom;

/**
 * One physical chip carrying the program: the programmed conductances of every cell after the
 * static non-idealities of this instance (post-programming stuck-at faults, device-to-device
 * variation). Fixed for the whole run, so the simulator builds it once; the time-dependent ones
 * (read noise, drift) act on top of it inside the engine.
 *
 * <p>Models (all seeded with {@code Seeds.stream(seed, purpose, tileId)}):
 * <ul>
 *   <li><b>stuck-at</b> (manufacturing faults, {@code stuckAtRate}): when the program was compiled with
 *       its fault map ({@code provenance.faultMap}), the chip's stuck cells are the ones the compiler drew
 *       for this chip while programming it: their conductances are already in the program, and the ones
 *       that matter were found by write-verify or the final read ({@link TileImage#stuck}) and repaired
 *       around. Drawing a second, independent set here would give the chip faults that write-verify had
 *       every chance to find but did not. Switching stuck-at off heals the listed cells to their target
 *       level (level 0 where there is none). Programs without a fault map (compiled with faults off, or
 *       before issue 8) get faults drawn here at {@code stuckAtRate}, undetected, as before.</li>
 *   <li><b>field failures</b> ({@code fieldFailureRate}): cells that fail after programming and test, in
 *       the field; drawn here (ON with probability {@code stuckOnFraction}), invisible to the compiler, so
 *       nothing routes around them — only calibration can soften them.</li>
 *   <li><b>device-to-device</b>: each cell gets its own R_on' = R_on e^{s z1}, R_off' = R_off e^{s z2}
 *       (z ~ N(0,1), s = d2dSigma: lognormal with the nominal value as median). The programmed state
 *       x = (G - G_off)/(G_on - G_off), reckoned on the nominal device, is kept, so the cell reads
 *       G' = G_off' + x (G_on' - G_off'): the level was set by pulse count, the device's range moved.</li>
 * </ul>
 * Stuck faults are applied before variation (a stuck cell's ON/OFF value is its own device's).
 */
public final class ChipInstance {
    private final TileProgram program;
    private final double[][] g;
    private final double[][] gOffCell;
    private final double gOnNominal;
    private final double gOffNominal;
    private final long freshStuck;
    /** [tile][cell] failed after programming in this instance (null entries when stuckAtRate is 0). */
    private final boolean[][] freshMask;

    private ChipInstance(TileProgram program, double[][] g, double[][] gOffCell, double gOn, double gOff, long freshStuck,
                         boolean[][] freshMask) {
        this.program = program;
        this.g = g;
        this.gOffCell = gOffCell;
        this.gOnNominal = gOn;
        this.gOffNominal = gOff;
        this.freshStuck = freshStuck;
        this.freshMask = freshMask;
    }

    public static ChipInstance build(TileProgram p, NonIdealities ni, long seed) {
        MssParams syn = p.target().synapse();
        double gOn = syn.gOn(), gOff = syn.gOff();
        int nt = p.tiles().size();
        double[][] g = new double[nt][];
        double[][] goc = new double[nt][];
        long fresh = 0;
        boolean[][] mask = new boolean[nt][];
        for (int t = 0; t < nt; t++) {
            TileImage tile = p.tiles().get(t);
            double[] cells = tile.conductance().clone();
            int n = cells.length;
            double[] states = new double[n];
            for (int i = 0; i < n; i++) states[i] = (cells[i] - gOff) / (gOn - gOff);
            int[] tl = tile.targetLevel();
            boolean knownMap = p.provenance() != null && p.provenance().faultMap();
            boolean[] known = new boolean[n];
            if (tile.stuck() != null) for (int s : tile.stuck()) if (s >= 0 && s < n) known[s] = true;
            if (knownMap && ni.stuckAtRate() <= 0) {
                // stuck-at off: the found cells read their target level, as a healthy device would
                int nn = syn.switches();
                for (int i = 0; i < n; i++) {
                    if (!known[i]) continue;
                    int lv = tl[i] < 0 ? 0 : tl[i];
                    cells[i] = gOff + (gOn - gOff) * lv / (double) nn;
                    states[i] = lv / (double) nn;
                }
            }
            if ((!knownMap && ni.stuckAtRate() > 0) || ni.fieldFailureRate() > 0) mask[t] = new boolean[n];
            if (!knownMap && ni.stuckAtRate() > 0) fresh += inject(cells, states, known, mask[t], ni.stuckAtRate(), ni.stuckOnFraction(), gOn, gOff,
                    Seeds.stream(seed, "sim-stuck", tile.id()));
            if (ni.fieldFailureRate() > 0) fresh += inject(cells, states, known, mask[t], ni.fieldFailureRate(), ni.stuckOnFraction(), gOn, gOff,
                    Seeds.stream(seed, "sim-field-failure", tile.id()));
            double[] off = new double[n];
            if (ni.d2dSigma() > 0) {
                SplittableRandom r = Seeds.stream(seed, "sim-d2d", tile.id());
                double s = ni.d2dSigma();
                for (int i = 0; i < n; i++) {
                    double on = 1.0 / (syn.rOn() * Math.exp(s * Seeds.gaussian(r)));
                    double of = 1.0 / (syn.rOff() * Math.exp(s * Seeds.gaussian(r)));
                    off[i] = of;
                    cells[i] = of + states[i] * (on - of);
                }
            } else {
                java.util.Arrays.fill(off, gOff);
            }
            g[t] = cells;
            goc[t] = off;
        }
        return new ChipInstance(p, g, goc, gOn, gOff, fresh, mask);
    }

    /** Cells not already known stuck fail with probability {@code rate}; returns how many did. */
    private static long inject(double[] cells, double[] states, boolean[] known, boolean[] mask, double rate, double onFraction,
                               double gOn, double gOff, SplittableRandom r) {
        long fresh = 0;
        for (int i = 0; i < cells.length; i++) {
            double u = r.nextDouble();
            double on = r.nextDouble();
            if (!known[i] && u < rate) {
                states[i] = on < onFraction ? 1.0 : 0.0;
                cells[i] = states[i] == 1.0 ? gOn : gOff;
                known[i] = true;
                mask[i] = true;
                fresh++;
            }
        }
        return fresh;
    }

    public TileProgram program() { return program; }

    /** Cell conductances of tile index t (row-major r*cols + c), as this chip reads them at programming time. */
    public double[] conductance(int t) { return g[t]; }

    /** Each cell's own OFF conductance (the drift asymptote). */
    public double[] offConductance(int t) { return gOffCell[t]; }

    public double gOnNominal() { return gOnNominal; }

    public double gOffNominal() { return gOffNominal; }

    /** Whether cell i of tile index t failed in this instance, unknown to the program (what {@code memtile finetune} trains around). */
    public boolean freshStuck(int t, int i) { return freshMask[t] != null && freshMask[t][i]; }

    /** Cells this instance drew as failed (field failures, or manufacturing faults of a program without a fault map). */
    public long freshStuckCells() { return freshStuck; }
}
