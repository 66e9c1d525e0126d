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
 *   <li><b>stuck-at</b>: every cell not already listed in {@link TileImage#stuck} (those the compiler
 *       found, repaired around and whose conductance is already in the program) fails with probability
 *       {@code stuckAtRate}, independently; a failed cell sits at G_on with probability
 *       {@code stuckOnFraction}, else at G_off. These are faults the compiler could not see
 *       (appearing after programming), so nothing routes around them.</li>
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
            if (ni.stuckAtRate() > 0) {
                boolean[] known = new boolean[n];
                if (tile.stuck() != null) for (int s : tile.stuck()) if (s >= 0 && s < n) known[s] = true;
                SplittableRandom r = Seeds.stream(seed, "sim-stuck", tile.id());
                mask[t] = new boolean[n];
                for (int i = 0; i < n; i++) {
                    double u = r.nextDouble();
                    double on = r.nextDouble();
                    if (!known[i] && u < ni.stuckAtRate()) {
                        states[i] = on < ni.stuckOnFraction() ? 1.0 : 0.0;
                        cells[i] = states[i] == 1.0 ? gOn : gOff;
                        mask[t][i] = true;
                        fresh++;
                    }
                }
            }
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

    public TileProgram program() { return program; }

    /** Cell conductances of tile index t (row-major r*cols + c), as this chip reads them at programming time. */
    public double[] conductance(int t) { return g[t]; }

    /** Each cell's own OFF conductance (the drift asymptote). */
    public double[] offConductance(int t) { return gOffCell[t]; }

    public double gOnNominal() { return gOnNominal; }

    public double gOffNominal() { return gOffNominal; }

    /** Whether cell i of tile index t failed after programming in this instance (what {@code memtile finetune} trains around). */
    public boolean freshStuck(int t, int i) { return freshMask[t] != null && freshMask[t][i]; }

    /** Cells that failed after programming in this instance. */
    public long freshStuckCells() { return freshStuck; }
}
