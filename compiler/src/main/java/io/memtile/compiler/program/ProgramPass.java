package io.memtile.compiler.program;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.place.Placement;
import io.memtile.compiler.quant.QuantizedLayer;
import io.memtile.compiler.quant.QuantizedNetwork;
import io.memtile.core.rng.Seeds;
import io.memtile.core.target.MssParams;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Target;
import io.memtile.physics.mss.StochasticMss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Pass 5: write-verify programming of every placed device from the reset state (level 0), against
 * the stochastic MSS model, with seeded stuck-at faults.
 *
 * <p>Fault handling: a device verify finds stuck is first worked around in place by re-targeting
 * its partner so that the pair difference (the weight) is unchanged (possible when the partner
 * level stuck - k or k + stuck is in [0, N]); otherwise the whole logical column pair is moved to
 * two free columns of the tile (spare columns first) and re-programmed, and the abandoned cells are
 * written back to level 0. A column pair that cannot be moved is reported UNREPAIRED and its devices
 * count as misses: nothing is dropped silently.
 *
 * <p>Tiles are independent (own fault and programming streams, Seeds.stream(seed, purpose, tile)),
 * so they are programmed in parallel and the result does not depend on the thread count.
 */
public final class ProgramPass {
    public static final String NAME = "program";

    private ProgramPass() {}

    public static ProgrammingResult run(Placement pl, QuantizedNetwork q, Target t, CompileOptions o) {
        MssParams s = t.synapse();
        MssParams dev = new MssParams(s.rOn(), s.rOff(), s.vOn(), s.vOff(), s.tau(), s.thermalVoltage(), s.phi(), s.volatileOff(),
                q.switches());
        WriteVerify wv = o.programmingNoise() ? new WriteVerify(dev, t.programming()) : null;
        NonIdealities ni = t.nonIdealities();
        double stuckRate = o.faults() ? ni.stuckAtRate() : 0;
        int nt = pl.tiles().size();
        TileImage[] images = new TileImage[nt];
        TileProgrammingReport[] reports = new TileProgrammingReport[nt];
        @SuppressWarnings("unchecked") List<Repair>[] repairs = new List[nt];
        PulseLog[] logs = new PulseLog[nt];
        Runnable all = () -> IntStream.range(0, nt).parallel().forEach(ti -> {
            TileWorker w = new TileWorker(ti, pl, q, dev, wv, t, o, stuckRate, ni.stuckOnFraction());
            w.run();
            images[ti] = w.image();
            reports[ti] = w.report();
            repairs[ti] = w.repairs;
            logs[ti] = w.log;
        });
        ForkJoinPool pool = new ForkJoinPool(o.threads());
        try {
            pool.submit(all).join();
        } finally {
            pool.shutdown();
        }
        List<Repair> rep = new ArrayList<>();
        for (List<Repair> r : repairs) rep.addAll(r);
        List<PulseLog> pl2 = new ArrayList<>();
        if (o.pulseLog() && wv != null) pl2.addAll(Arrays.asList(logs));
        return new ProgrammingResult(List.of(images), List.of(reports), List.copyOf(rep), List.copyOf(pl2), wv != null);
    }

    /** Programs one tile. */
    static final class TileWorker implements WriteVerify.PulseSink {
        final int id, rows, cols, n;
        final List<Block> blocks = new ArrayList<>();
        final QuantizedNetwork q;
        final MssParams dev;
        final WriteVerify wv;
        final int[] target, level, stuck;
        final boolean[] compensated, colUsed;
        final SplittableRandom rng;
        final WriteVerify.Cost cost = new WriteVerify.Cost();
        final List<Repair> repairs = new ArrayList<>();
        final PulseLog log;
        final List<Integer> stuckFound = new ArrayList<>();
        final int usableCols;
        long devices;
        int curRow, curCol;

        TileWorker(int id, Placement pl, QuantizedNetwork q, MssParams dev, WriteVerify wv, Target t, CompileOptions o,
                   double stuckRate, double onFraction) {
            this.id = id;
            this.rows = pl.rows();
            this.cols = pl.cols();
            this.usableCols = pl.usableCols();
            this.q = q;
            this.dev = dev;
            this.wv = wv;
            this.n = q.switches();
            this.toleranceLevels = t.programming().toleranceLevels();
            for (Block b : pl.tiles().get(id)) {
                blocks.add(new Block(b.layer(), b.inStart(), b.inCount(), b.outStart(), b.outCount(), b.rows().clone(),
                        b.plusCols().clone(), b.minusCols().clone()));
            }
            int cells = rows * cols;
            target = new int[cells];
            Arrays.fill(target, -1);
            level = new int[cells];
            stuck = new int[cells];
            Arrays.fill(stuck, -1);
            compensated = new boolean[cells];
            colUsed = new boolean[cols];
            for (Block b : blocks) for (int k = 0; k < b.outCount(); k++) colUsed[b.plusCols()[k]] = colUsed[b.minusCols()[k]] = true;
            if (stuckRate > 0) {
                // geometric skipping: one draw per fault instead of one per cell
                SplittableRandom fr = Seeds.stream(o.seed(), "faults", id);
                double lq = Math.log1p(-stuckRate);
                long idx = -1;
                while (true) {
                    idx += 1 + (long) Math.floor(Math.log(1 - fr.nextDouble()) / lq);
                    if (idx >= cells) break;
                    int lv = fr.nextDouble() < onFraction ? n : 0;
                    stuck[(int) idx] = lv;
                    level[(int) idx] = lv;
                }
            }
            rng = Seeds.stream(o.seed(), "programming", id);
            log = o.pulseLog() && wv != null ? new PulseLog(id) : null;
        }

        @Override
        public void pulse(int pulseIndex, byte kind, double volts, double widthNs, double expectedLevel) {
            log.add(curRow, curCol, pulseIndex, kind, volts, widthNs, expectedLevel);
        }

        /** Write-verify one cell to tgt; returns the outcome. */
        WriteVerify.Outcome write(int r, int c, int tgt) {
            int cell = r * cols + c;
            devices++;
            if (wv == null) { // exact programming: the device lands on its target unless it is stuck
                if (stuck[cell] >= 0 && stuck[cell] != tgt) return WriteVerify.Outcome.STUCK;
                level[cell] = tgt;
                return WriteVerify.Outcome.OK;
            }
            curRow = r;
            curCol = c;
            long res = wv.program(level[cell], tgt, stuck[cell], rng, cost, log == null ? null : this);
            level[cell] = WriteVerify.level(res);
            return WriteVerify.outcome(res);
        }

        void run() {
            for (Block b : blocks) {
                QuantizedLayer ql = q.layers().get(b.layer());
                List<int[]> found = new ArrayList<>();
                for (int k = 0; k < b.outCount(); k++) {
                    found.clear();
                    boolean ok = writePair(b, k, ql, found);
                    while (!ok) {
                        int[] pair = freePair();
                        if (pair == null) {
                            for (int[] f : found) repairs.add(new Repair(id, b.layer(), b.outStart() + k, f[0], f[1], f[2], "UNREPAIRED", -1, -1));
                            break;
                        }
                        abandon(b, k);
                        b.plusCols()[k] = pair[0];
                        b.minusCols()[k] = pair[1];
                        colUsed[pair[0]] = colUsed[pair[1]] = true;
                        List<int[]> again = new ArrayList<>();
                        ok = writePair(b, k, ql, again);
                        for (int[] f : found) repairs.add(new Repair(id, b.layer(), b.outStart() + k, f[0], f[1], f[2], "REMAPPED", pair[0], pair[1]));
                        found.clear();
                        found.addAll(again);
                    }
                }
            }
        }

        /** Programs column pair k of block b over all its rows; false if a stuck device could not be compensated. */
        boolean writePair(Block b, int k, QuantizedLayer ql, List<int[]> found) {
            int pc = b.plusCols()[k], mc = b.minusCols()[k];
            int o = b.outStart() + k, in = ql.map().inputs();
            boolean ok = true;
            for (int i = 0; i < b.inCount(); i++) {
                int r = b.rows()[i];
                int w = o * in + b.inStart() + i;
                int lp = ql.plus()[w], lm = ql.minus()[w], diff = lp - lm;
                int cp = r * cols + pc, cm = r * cols + mc;
                target[cp] = lp;
                target[cm] = lm;
                if (write(r, pc, lp) == WriteVerify.Outcome.STUCK) {
                    int sl = level[cp];
                    stuckFound.add(cp);
                    int m2 = sl - diff;
                    if (m2 >= 0 && m2 <= n) {
                        target[cp] = sl;
                        target[cm] = m2;
                        compensated[cp] = compensated[cm] = true;
                        if (write(r, mc, m2) == WriteVerify.Outcome.STUCK) {
                            stuckFound.add(cm);
                            found.add(new int[] {r, mc, level[cm]});
                            ok = false;
                        }
                        repairs.add(new Repair(id, b.layer(), o, r, pc, sl, "COMPENSATED", -1, -1));
                    } else {
                        found.add(new int[] {r, pc, sl});
                        ok = false;
                        if (write(r, mc, lm) == WriteVerify.Outcome.STUCK) stuckFound.add(cm);
                    }
                    continue;
                }
                if (write(r, mc, lm) == WriteVerify.Outcome.STUCK) {
                    int sl = level[cm];
                    stuckFound.add(cm);
                    int p2 = diff + sl;
                    if (p2 >= 0 && p2 <= n) {
                        target[cm] = sl;
                        target[cp] = p2;
                        compensated[cp] = compensated[cm] = true;
                        write(r, pc, p2); // plus was healthy a moment ago: re-target it from its current level
                        repairs.add(new Repair(id, b.layer(), o, r, mc, sl, "COMPENSATED", -1, -1));
                    } else {
                        found.add(new int[] {r, mc, sl});
                        ok = false;
                    }
                }
            }
            return ok;
        }

        /** Two free columns (no block uses them), spare columns first, adjacent if possible. */
        int[] freePair() {
            int a = -1;
            for (int c = cols - 1; c >= 0; c--) {
                if (colUsed[c]) continue;
                if (a < 0) a = c;
                else return new int[] {c, a};
            }
            return null;
        }

        /** Writes the abandoned cells of column pair k back to level 0 and frees them. */
        void abandon(Block b, int k) {
            int pc = b.plusCols()[k], mc = b.minusCols()[k];
            for (int i = 0; i < b.inCount(); i++) {
                int r = b.rows()[i];
                for (int c : new int[] {pc, mc}) {
                    int cell = r * cols + c;
                    target[cell] = -1;
                    compensated[cell] = false;
                    if (level[cell] != 0 && stuck[cell] < 0) {
                        if (wv == null) level[cell] = 0;
                        else {
                            curRow = r;
                            curCol = c;
                            level[cell] = WriteVerify.level(wv.program(level[cell], 0, -1, rng, cost, log == null ? null : this));
                        }
                    }
                }
            }
            // the abandoned columns stay marked used: they hold a stuck device and are not reused
        }

        TileImage image() {
            double[] g = new double[rows * cols];
            boolean continuous = q.continuous();
            double[] gl = new double[n + 1];
            for (int l = 0; l <= n; l++) gl[l] = StochasticMss.conductance(dev, l);
            for (int c = 0; c < g.length; c++) g[c] = gl[level[c]];
            if (continuous) {
                for (Block b : blocks) {
                    QuantizedLayer ql = q.layers().get(b.layer());
                    for (int k = 0; k < b.outCount(); k++) {
                        for (int i = 0; i < b.inCount(); i++) {
                            int r = b.rows()[i];
                            int cp = r * cols + b.plusCols()[k], cm = r * cols + b.minusCols()[k];
                            if (compensated[cp] || stuck[cp] >= 0 || stuck[cm] >= 0) continue;
                            if (level[cp] != target[cp] || level[cm] != target[cm]) continue;
                            int o = b.outStart() + k, in = b.inStart() + i;
                            g[cp] = ql.map().gPlus(o, in);
                            g[cm] = ql.map().gMinus(o, in);
                        }
                    }
                }
            }
            int[] st = stuckFound.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
            return new TileImage(id, rows, cols, List.copyOf(blocks), target, g, st);
        }

        TileProgrammingReport report() {
            long misses = 0;
            double sq = 0;
            for (int c = 0; c < target.length; c++) {
                if (target[c] < 0) continue;
                double e = level[c] - target[c];
                sq += e * e;
                if (Math.abs(e) > (wv == null ? 0 : wvTol())) misses++;
            }
            return new TileProgrammingReport(id, devices, cost.pulses, cost.reads, cost.timeS, cost.energyJ, misses,
                    stuckFound.stream().distinct().count(), sq);
        }

        private double wvTol() { return toleranceLevels; }

        final double toleranceLevels;
    }
}
