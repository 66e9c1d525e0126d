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
 * written back to level 0. When the tile has no free column pair, a second, sequential phase moves
 * the pair to another tile: one whose rows already carry the same inputs (only two free columns
 * needed), else free rows plus two free columns, else a new repair tile while
 * {@code CompileOptions.repairTiles} allows. A pair that cannot be moved is reported UNREPAIRED and
 * its devices count as misses: nothing is dropped silently.
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
        TileWorker[] phase1 = new TileWorker[nt];
        Runnable all = () -> IntStream.range(0, nt).parallel().forEach(ti -> {
            TileWorker w = new TileWorker(ti, pl.tiles().get(ti), pl, q, dev, wv, t, o, stuckRate, ni.stuckOnFraction());
            w.run();
            phase1[ti] = w;
        });
        ForkJoinPool pool = new ForkJoinPool(o.threads());
        try {
            pool.submit(all).join();
        } finally {
            pool.shutdown();
        }
        // phase 2, sequential and in tile order (deterministic): column pairs with no free column
        // pair on their own tile move to free rows + columns of another tile (or a repair tile)
        List<TileWorker> workers = new ArrayList<>(Arrays.asList(phase1));
        int budget = o.repairTiles();
        for (int ti = 0; ti < nt; ti++) {
            TileWorker src = workers.get(ti);
            for (int[] pend : src.pending) {
                List<int[]> found = src.pendingFound.get(pend);
                budget = relocate(src, pend, found, workers, budget, pl, q, dev, wv, t, o, stuckRate, ni.stuckOnFraction());
            }
        }
        List<TileImage> images = new ArrayList<>();
        List<TileProgrammingReport> reports = new ArrayList<>();
        List<Repair> rep = new ArrayList<>();
        List<PulseLog> logs = new ArrayList<>();
        List<List<Block>> finalBlocks = new ArrayList<>();
        for (TileWorker w : workers) {
            w.finalRead();
            images.add(w.image());
            reports.add(w.report());
            rep.addAll(w.repairs);
            if (w.log != null) logs.add(w.log);
            finalBlocks.add(w.blocks);
        }
        int[] outs = new int[q.layers().size()];
        for (int l = 0; l < outs.length; l++) outs[l] = q.layers().get(l).map().outputs();
        var sites = io.memtile.compiler.place.PlacementPass.sites(outs, finalBlocks);
        return new ProgrammingResult(List.copyOf(images), List.copyOf(reports), List.copyOf(rep), o.pulseLog() && wv != null ? List.copyOf(logs) : List.of(),
                List.copyOf(sites), wv != null);
    }

    /**
     * Moves the column pair (layer, output, inStart) off {@code src}: to free rows and a free column
     * pair of another tile, adding a repair tile while the budget lasts; reports UNREPAIRED otherwise.
     */
    static int relocate(TileWorker src, int[] pend, List<int[]> found, List<TileWorker> workers, int budget, Placement pl,
                        QuantizedNetwork q, MssParams dev, WriteVerify wv, Target t, CompileOptions o, double stuckRate, double onFrac) {
        int layer = pend[0], out = pend[1], inStart = pend[2];
        QuantizedLayer ql = q.layers().get(layer);
        for (int attempt = 0; attempt < 8; attempt++) {
            Block b = src.find(layer, out, inStart);
            TileWorker dst = null;
            int[] rows = null, pair = null;
            // first choice: a tile whose rows already carry exactly these inputs (rows are shared,
            // the pair only needs two free columns); then free rows plus a free column pair
            for (TileWorker w : workers) {
                if (w == src) continue;
                int[] c = w.freePair();
                if (c == null) continue;
                for (Block o2 : w.blocks) {
                    if (o2.layer() == layer && o2.inStart() == inStart && o2.inCount() == b.inCount()) { dst = w; rows = o2.rows(); pair = c; break; }
                }
                if (dst != null) break;
            }
            // with the layers packer a tile holds one layer only (its word lines must cross no other layer's columns), so
            // a moved pair may only join a tile of its own layer or an empty repair tile
            boolean isolated = io.memtile.core.target.Packers.LAYERS.equals(o.packer());
            for (TileWorker w : workers) {
                if (dst != null) break;
                if (w == src) continue;
                if (isolated && !w.holdsOnly(layer)) continue;
                int[] c = w.freePair(); // O(1) rejection of full tiles first
                int[] r = c == null ? null : w.freeRows(b.inCount());
                if (r != null && c != null) { dst = w; rows = r; pair = c; break; }
            }
            if (dst == null && budget > 0) {
                budget--;
                TileWorker w = new TileWorker(workers.size(), List.of(), pl, q, dev, wv, t, o, stuckRate, onFrac);
                workers.add(w);
                attempt--;
                continue;
            }
            if (dst == null) break;
            Block nb = new Block(layer, inStart, b.inCount(), out, 1, rows, new int[] {pair[0]}, new int[] {pair[1]});
            dst.blocks.add(nb);
            dst.useCols(pair);
            List<int[]> again = new ArrayList<>();
            if (dst.writePair(nb, 0, ql, again)) {
                int k = out - b.outStart();
                src.abandon(b, k);
                src.removeOutput(b, k);
                for (int[] f : found) src.repairs.add(new Repair(src.id, layer, out, f[0], f[1], f[2], "REMAPPED", dst.id, pair[0], pair[1]));
                return budget;
            }
            // the new place has an uncompensable stuck device too: give it up and look again
            dst.abandon(nb, 0);
            dst.blocks.remove(nb);
        }
        for (int[] f : found) src.repairs.add(new Repair(src.id, layer, out, f[0], f[1], f[2], "UNREPAIRED", -1, -1, -1));
        return budget;
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

        /** Column pairs (layer, output, inStart) left for phase 2, with the stuck devices found in them. */
        final List<int[]> pending = new ArrayList<>();
        final java.util.Map<int[], List<int[]>> pendingFound = new java.util.IdentityHashMap<>();

        TileWorker(int id, List<Block> placed, Placement pl, QuantizedNetwork q, MssParams dev, WriteVerify wv, Target t, CompileOptions o,
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
            for (Block b : placed) {
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
            for (boolean u : colUsed) if (!u) freeColCount++;
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
                    // the swap needs no free columns: it comes before moving the pair
                    if (!ok && swapPolarity(b, k, ql, found)) ok = true;
                    while (!ok) {
                        int[] pair = freePair();
                        if (pair == null) {
                            int[] key = {b.layer(), b.outStart() + k, b.inStart()};
                            pending.add(key);
                            pendingFound.put(key, new ArrayList<>(found));
                            break;
                        }
                        abandon(b, k);
                        b.plusCols()[k] = pair[0];
                        b.minusCols()[k] = pair[1];
                        useCols(pair);
                        List<int[]> again = new ArrayList<>();
                        ok = writePair(b, k, ql, again);
                        for (int[] f : found) repairs.add(new Repair(id, b.layer(), b.outStart() + k, f[0], f[1], f[2], "REMAPPED", id, pair[0], pair[1]));
                        found.clear();
                        found.addAll(again);
                    }
                }
            }
        }

        /**
         * Polarity swap, the cheapest repair: a stuck device that its partner cannot compensate (stuck ON in G+ under a
         * negative weight, stuck OFF in G+ under a positive one, and the mirror cases) becomes compensable when the two
         * columns exchange roles, G+ on the former G- column and vice versa (the sense amplifier subtracts them the other
         * way round; the simulator reads the roles from the block). Done in place, without free columns, when every
         * stuck device known in the pair is compensable under the swapped roles; the pair is then rewritten. Returns
         * true when the pair now carries its weights (recorded as REMAPPED onto its own columns, exchanged).
         */
        boolean swapPolarity(Block b, int k, QuantizedLayer ql, List<int[]> found) {
            int p0 = b.plusCols()[k], m0 = b.minusCols()[k];
            int o = b.outStart() + k, in = ql.map().inputs();
            java.util.Set<Integer> known = new java.util.HashSet<>(stuckFound);
            for (int i = 0; i < b.inCount(); i++) {
                int r = b.rows()[i];
                int w = o * in + b.inStart() + i;
                int diff = ql.plus()[w] - ql.minus()[w];
                // swapped: the device on column p0 is G-, the one on m0 is G+
                if (known.contains(r * cols + m0) && known.contains(r * cols + p0)) return false;
                if (known.contains(r * cols + m0)) {
                    int m2 = level[r * cols + m0] - diff;
                    if (m2 < 0 || m2 > n) return false;
                }
                if (known.contains(r * cols + p0)) {
                    int p2 = diff + level[r * cols + p0];
                    if (p2 < 0 || p2 > n) return false;
                }
            }
            // the compensations recorded under the old roles are redone (and recorded) by writePair
            repairs.removeIf(rep -> "COMPENSATED".equals(rep.action()) && rep.layer() == b.layer() && rep.output() == o
                    && (rep.col() == p0 || rep.col() == m0));
            for (int i = 0; i < b.inCount(); i++) compensated[b.rows()[i] * cols + p0] = compensated[b.rows()[i] * cols + m0] = false;
            b.plusCols()[k] = m0;
            b.minusCols()[k] = p0;
            List<int[]> again = new ArrayList<>();
            boolean ok = writePair(b, k, ql, again);
            for (int[] f : found) repairs.add(new Repair(id, b.layer(), o, f[0], f[1], f[2], "REMAPPED", id, m0, p0));
            found.clear();
            // a device never pulsed before may show up stuck under the new roles: the caller carries on with it
            found.addAll(again);
            return ok;
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
                        repairs.add(new Repair(id, b.layer(), o, r, pc, sl, "COMPENSATED", -1, -1, -1));
                    } else {
                        found.add(new int[] {r, pc, sl});
                        ok = false;
                        // best effort should the pair stay here (no place to move it): the partner
                        // level nearest to stuck - diff leaves the smallest weight error
                        // (the stuck device keeps its intended target, so it counts as a miss)
                        int mb = Math.max(0, Math.min(n, sl - diff));
                        target[cm] = mb;
                        if (write(r, mc, mb) == WriteVerify.Outcome.STUCK) stuckFound.add(cm);
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
                        repairs.add(new Repair(id, b.layer(), o, r, mc, sl, "COMPENSATED", -1, -1, -1));
                    } else {
                        found.add(new int[] {r, mc, sl});
                        ok = false;
                        int pb = Math.max(0, Math.min(n, diff + sl)); // best effort, as above
                        target[cp] = pb;
                        write(r, pc, pb);
                    }
                }
            }
            return ok;
        }

        /** Columns no block uses; lets phase 2 skip full tiles in O(1) (a big network has thousands). */
        int freeColCount;

        void useCols(int[] pair) {
            for (int c : pair) {
                if (!colUsed[c]) freeColCount--;
                colUsed[c] = true;
            }
        }

        /** The block currently holding (layer, output, inStart). */
        Block find(int layer, int out, int inStart) {
            for (Block b : blocks) {
                if (b.layer() == layer && b.inStart() == inStart && out >= b.outStart() && out < b.outStart() + b.outCount()) return b;
            }
            throw new IllegalStateException("tile " + id + " has no block for layer " + layer + " output " + out);
        }

        /** The lowest {@code count} rows no block uses, or null. */
        int[] freeRows(int count) {
            boolean[] used = new boolean[rows];
            for (Block b : blocks) for (int r : b.rows()) used[r] = true;
            int[] out = new int[count];
            int k = 0;
            for (int r = 0; r < rows && k < count; r++) if (!used[r]) out[k++] = r;
            return k == count ? out : null;
        }

        /** Splits block b around output k (which moved to another tile). */
        void removeOutput(Block b, int k) {
            int i = blocks.indexOf(b);
            blocks.remove(i);
            int n2 = b.outCount() - k - 1;
            if (n2 > 0) {
                blocks.add(i, new Block(b.layer(), b.inStart(), b.inCount(), b.outStart() + k + 1, n2, b.rows(),
                        Arrays.copyOfRange(b.plusCols(), k + 1, b.outCount()), Arrays.copyOfRange(b.minusCols(), k + 1, b.outCount())));
            }
            if (k > 0) {
                blocks.add(i, new Block(b.layer(), b.inStart(), b.inCount(), b.outStart(), k, b.rows(),
                        Arrays.copyOf(b.plusCols(), k), Arrays.copyOf(b.minusCols(), k)));
            }
        }

        /** Whether every block on this tile belongs to {@code layer} (true for an empty tile). */
        boolean holdsOnly(int layer) {
            for (Block b : blocks) if (b.layer() != layer) return false;
            return true;
        }

        /** Two free columns (no block uses them), spare columns first, adjacent if possible. */
        int[] freePair() {
            if (freeColCount < 2) return null;
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

        /**
         * The read of the whole array after programming: a cell with no target that does not read
         * level 0 is stuck (it was never written, or an abandoned cell that could not be reset). Write-verify
         * only sees the cells it writes; this read finds the rest, so tiles[].stuck lists every manufacturing
         * fault that can disturb a column (a cell stuck at level 0 where level 0 is expected is harmless
         * and indistinguishable from a healthy one).
         */
        void finalRead() {
            for (int c = 0; c < target.length; c++) if (target[c] < 0 && level[c] != 0) stuckFound.add(c);
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
