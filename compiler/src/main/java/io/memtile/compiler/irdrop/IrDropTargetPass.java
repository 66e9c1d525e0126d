package io.memtile.compiler.irdrop;

import io.memtile.compiler.place.Placement;
import io.memtile.compiler.program.Block;
import io.memtile.compiler.quant.QuantizedLayer;
import io.memtile.compiler.quant.QuantizedNetwork;
import io.memtile.core.target.Target;
import io.memtile.physics.crossbar.IrDropSolver;
import io.memtile.physics.crossbar.IrDropSolverF;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Pass "irdrop": IR-drop-aware conductance targets.
 *
 * <p>With resistive word and bit lines a crossbar with fixed conductances is still linear, but its transfer
 * is not the conductance matrix: cells far from the word-line driver (large column index) and far from the
 * sense amplifier (small row index) see less voltage. The pass solves, with the simulator's per-tile network solve
 * ({@link IrDropSolver#pairTransfers}: every column pair of a tile at once, by reciprocity) run in float32
 * ({@link IrDropSolverF}: same network and method, 16 pairs per vector, half the memory traffic; its transfers agree
 * with the float64 solve to a few 1e-7 of the tile's largest transfer), for level targets
 * whose transfer matches a_o times the quantised weights, where a_o is a per-output gain the neuron's current
 * gain then divides out exactly (recorded as {@code LayerMapping.columnGain}):
 * <ol>
 *   <li>solve every pair's transfer T_r with the current targets;</li>
 *   <li>per output, a_o = min(mean attenuation, the largest a whose compensated targets stay within
 *       [-N, N]) over every tile holding part of the output;</li>
 *   <li>correct each level difference k_r by (a_o k_r^q gStep - T_r) / (local attenuation * gStep),
 *       re-quantise (round, clamp to [-N, N]) and repeat.</li>
 * </ol>
 * The pass keeps, per output, the better of the plain and the compensated targets (measured by the same
 * exact solve), so compensation never increases the transfer error. Tiles are solved in parallel and the
 * result does not depend on the thread count.
 *
 * <p>Limitations: it compensates the nominal chip (target levels, nominal devices); programming error,
 * device variation and faults are the calibration's business. Pairs moved by fault repair in the program
 * pass keep the targets computed for their original position.
 */
public final class IrDropTargetPass {
    public static final String NAME = "irdrop";
    static final int ITERATIONS = 2;
    /**
     * Relative residual of the pass's solves (the simulator's {@link IrDropSolver#DEFAULT_TOL} is 1e-12). The float32
     * transfers then agree with the float64 1e-12 solve to ~4e-7 of the tile's largest transfer (IrDropSolverFTest),
     * far below the ~1e-2 relative transfer errors the pass corrects and below half a level step, so at most a
     * rare rounding tie of a compensated level can differ (IrDropTargetPassTest: at most 1 per mille of the levels).
     */
    static final double TOL = 1e-8;

    private IrDropTargetPass() {}

    /**
     * @param network     the network with compensated levels (same as the input when off)
     * @param columnGains per layer, per output gain correction 1/a_o (null entries: none)
     * @param tiles       residual per tile
     */
    public record Result(QuantizedNetwork network, double[][] columnGains, List<TileIrReport> tiles) {}

    /** One column pair on a tile. */
    private record Pair(int layer, int out, Block block, int k) {}

    /** A tile's geometry and working state. */
    private static final class TileState {
        final List<Block> blocks;
        final List<Pair> pairs = new ArrayList<>();
        final boolean[] sensed;
        /** plus and minus column of every pair, in pair order */
        final int[] plusCols, minusCols;
        /** differential transfer of every pair per row (siemens), of the last solve */
        double[][] transfer;

        /** relative residual of this tile's solves */
        final double tol;

        TileState(List<Block> blocks, int cols, double tol) {
            this.blocks = blocks;
            this.tol = tol;
            sensed = new boolean[cols];
            for (Block b : blocks) {
                for (int k = 0; k < b.outCount(); k++) {
                    pairs.add(new Pair(b.layer(), b.outStart() + k, b, k));
                    sensed[b.plusCols()[k]] = sensed[b.minusCols()[k]] = true;
                }
            }
            plusCols = new int[pairs.size()];
            minusCols = new int[pairs.size()];
            for (int p = 0; p < pairs.size(); p++) {
                Pair pr = pairs.get(p);
                plusCols[p] = pr.block.plusCols()[pr.k];
                minusCols[p] = pr.block.minusCols()[pr.k];
            }
        }

        /** Solves every pair of this tile for level differences k (one batched solve). */
        void solve(Solver solver, QuantizedNetwork q, int[][] k, int rows, int cols, double gOff, double step, double rWire) {
            transfer = solver.transfers(conductances(this, q, k, rows, cols, gOff, step), rWire, sensed, plusCols, minusCols, tol);
        }
    }

    /** One tile's pair transfers: the float32 compiler solve, or the simulator's float64 solve (the reference in tests). */
    interface Solver {
        double[][] transfers(double[] g, double rWire, boolean[] sensed, int[] plusCols, int[] minusCols, double tol);
    }

    /** A solver factory per worker thread: the float32 solver keeps its work vectors between tiles. */
    static ThreadLocal<Solver> solvers(int rows, int cols, boolean float64) {
        if (float64) return ThreadLocal.withInitial(() -> (g, rWire, sensed, pc, mc, tol) ->
                new IrDropSolver(rows, cols, g, rWire, sensed).pairTransfers(pc, mc, null, tol));
        return ThreadLocal.withInitial(() -> {
            IrDropSolverF f = new IrDropSolverF(rows, cols);
            return f::pairTransfers;
        });
    }

    public static Result run(Placement pl, QuantizedNetwork q, Target t, int threads) {
        return run(pl, q, t, threads, TOL, false);
    }

    /**
     * {@link #run(Placement, QuantizedNetwork, Target, int)} with the solves converged to relative residual {@code tol}, in
     * float64 by the simulator's solver when {@code float64} (the reference the float32 pass is tested against).
     */
    static Result run(Placement pl, QuantizedNetwork q, Target t, int threads, double tol, boolean float64) {
        int nl = q.layers().size();
        int n = q.switches();
        double rWire = t.tile().wireResistanceOhm();
        if (q.continuous() || !(rWire > 0)) return new Result(q, new double[nl][], List.of());
        double gOff = t.synapse().gOff(), gOn = t.synapse().gOn(), step = (gOn - gOff) / n;
        int rows = pl.rows(), cols = pl.cols();
        // working level differences per layer (k = l+ - l-), starting from the optimal quantisation
        int[][] k0 = new int[nl][], k = new int[nl][];
        for (int l = 0; l < nl; l++) {
            QuantizedLayer ql = q.layers().get(l);
            k0[l] = new int[ql.plus().length];
            for (int i = 0; i < k0[l].length; i++) k0[l][i] = ql.plus()[i] - ql.minus()[i];
            k[l] = k0[l].clone();
        }
        List<TileState> tiles = new ArrayList<>();
        for (List<Block> bl : pl.tiles()) tiles.add(new TileState(bl, cols, tol));
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            // plain targets: their transfer and best per-output gain are the "before"
            ThreadLocal<Solver> solvers = solvers(rows, cols, float64);
            solveAll(pool, solvers, tiles, q, k, rows, cols, gOff, step, rWire);
            Pieces pieces = new Pieces(tiles, q);
            double[][] aPlain = gains(pool, pieces, tiles, q, k0, k, n, step, false);
            double[][] errPlain = outputErrors(pool, pieces, tiles, q, k0, aPlain, step);
            double[][] before = tileErrors(pool, tiles, q, k0, aPlain, step);
            // the gains come from the plain solve, so the tiles iterate independently (in parallel)
            double[][] aCap = gains(pool, pieces, tiles, q, k0, k, n, step, true);
            pool.submit(() -> IntStream.range(0, tiles.size()).parallel().forEach(ti -> {
                TileState ts = tiles.get(ti);
                for (int it = 0; it < ITERATIONS; it++) {
                    correct(List.of(ts), q, k0, k, aCap, n, step);
                    ts.solve(solvers.get(), q, k, rows, cols, gOff, step, rWire);
                }
            })).join();
            double[][] a = gains(pool, pieces, tiles, q, k0, k, n, step, false);
            double[][] errComp = outputErrors(pool, pieces, tiles, q, k0, a, step);
            // per output keep the better: the compensated targets only where they reduce the error
            boolean[][] reverted = new boolean[nl][];
            for (int l = 0; l < nl; l++) {
                int in = q.layers().get(l).map().inputs();
                reverted[l] = new boolean[errComp[l].length];
                for (int o = 0; o < errComp[l].length; o++) {
                    if (errComp[l][o] <= errPlain[l][o]) continue;
                    System.arraycopy(k0[l], o * in, k[l], o * in, in);
                    a[l][o] = aPlain[l][o];
                    reverted[l][o] = true;
                }
            }
            // only tiles holding a reverted output changed since their last solve
            List<TileState> changed = new ArrayList<>();
            for (TileState ts : tiles) {
                if (ts.pairs.stream().anyMatch(pr -> reverted[pr.layer][pr.out])) changed.add(ts);
            }
            solveAll(pool, solvers, changed, q, k, rows, cols, gOff, step, rWire);
            List<TileIrReport> rep = reports(pool, tiles, q, k0, k, before, a, step);
            List<QuantizedLayer> layers = new ArrayList<>();
            double[][] cg = new double[nl][];
            for (int l = 0; l < nl; l++) {
                QuantizedLayer ql = q.layers().get(l);
                int[] p = new int[k[l].length], m = new int[k[l].length];
                for (int i = 0; i < p.length; i++) {
                    p[i] = Math.max(k[l][i], 0);
                    m[i] = Math.max(-k[l][i], 0);
                }
                layers.add(new QuantizedLayer(ql.map(), ql.switches(), false, p, m, ql.rmsError(), ql.maxError()));
                cg[l] = new double[a[l].length];
                for (int o = 0; o < cg[l].length; o++) cg[l][o] = 1.0 / a[l][o];
            }
            return new Result(new QuantizedNetwork(q.switches(), false, List.copyOf(layers)), cg, rep);
        } finally {
            pool.shutdown();
        }
    }

    /** Nominal conductances of a tile for level differences k: (max(k,0), max(-k,0)) on the pair, level 0 elsewhere. */
    static double[] conductances(TileState ts, QuantizedNetwork q, int[][] k, int rows, int cols, double gOff, double step) {
        double[] g = new double[rows * cols];
        java.util.Arrays.fill(g, gOff);
        for (Pair p : ts.pairs) {
            Block b = p.block;
            int in = q.layers().get(p.layer).map().inputs();
            int pc = b.plusCols()[p.k], mc = b.minusCols()[p.k];
            for (int i = 0; i < b.inCount(); i++) {
                int kk = k[p.layer][p.out * in + b.inStart() + i];
                int r = b.rows()[i];
                g[r * cols + pc] = gOff + step * Math.max(kk, 0);
                g[r * cols + mc] = gOff + step * Math.max(-kk, 0);
            }
        }
        return g;
    }

    static void solveAll(ForkJoinPool pool, ThreadLocal<Solver> solvers, List<TileState> tiles, QuantizedNetwork q, int[][] k, int rows, int cols, double gOff,
                         double step, double rWire) {
        pool.submit(() -> IntStream.range(0, tiles.size()).parallel().forEach(ti ->
                tiles.get(ti).solve(solvers.get(), q, k, rows, cols, gOff, step, rWire))).join();
    }

    /**
     * Where each output's pieces sit: per layer and output, the (tile, pair) of every piece in tile order, the order in
     * which the per-output sums below were always accumulated; with it those sums run in parallel over outputs and
     * still give the same bits for any thread count.
     */
    static final class Pieces {
        final int[][][] tile, pair;

        Pieces(List<TileState> tiles, QuantizedNetwork q) {
            int nl = q.layers().size();
            int[][] count = new int[nl][];
            for (int l = 0; l < nl; l++) count[l] = new int[q.layers().get(l).map().outputs()];
            for (TileState ts : tiles) for (Pair pr : ts.pairs) count[pr.layer][pr.out]++;
            tile = new int[nl][][];
            pair = new int[nl][][];
            for (int l = 0; l < nl; l++) {
                tile[l] = new int[count[l].length][];
                pair[l] = new int[count[l].length][];
                for (int o = 0; o < count[l].length; o++) {
                    tile[l][o] = new int[count[l][o]];
                    pair[l][o] = new int[count[l][o]];
                    count[l][o] = 0;
                }
            }
            for (int ti = 0; ti < tiles.size(); ti++) {
                List<Pair> ps = tiles.get(ti).pairs;
                for (int p = 0; p < ps.size(); p++) {
                    Pair pr = ps.get(p);
                    int c = count[pr.layer][pr.out]++;
                    tile[pr.layer][pr.out][c] = ti;
                    pair[pr.layer][pr.out][c] = p;
                }
            }
        }

        /** Runs {@code body(layer, output)} for every output, in parallel on {@code pool}. */
        void forEachOutput(ForkJoinPool pool, java.util.function.BiConsumer<Integer, Integer> body) {
            int nl = tile.length;
            int[] start = new int[nl + 1];
            for (int l = 0; l < nl; l++) start[l + 1] = start[l] + tile[l].length;
            pool.submit(() -> IntStream.range(0, start[nl]).parallel().forEach(i -> {
                int l = 0;
                while (i >= start[l + 1]) l++;
                body.accept(l, i - start[l]);
            })).join();
        }
    }

    /**
     * Per-output gain a_o. Least squares of T on the quantised weights over every piece of the output
     * ({@code capped}: also no larger than allows every compensated level within [-N, N]).
     */
    static double[][] gains(ForkJoinPool pool, Pieces pieces, List<TileState> tiles, QuantizedNetwork q, int[][] k0, int[][] k, int n,
                            double step, boolean capped) {
        int nl = q.layers().size();
        double[][] a = new double[nl][];
        for (int l = 0; l < nl; l++) a[l] = new double[q.layers().get(l).map().outputs()];
        pieces.forEachOutput(pool, (l, o) -> {
            int in = q.layers().get(l).map().inputs();
            double num = 0, den = 0, cap = Double.MAX_VALUE;
            for (int pi = 0; pi < pieces.tile[l][o].length; pi++) {
                TileState ts = tiles.get(pieces.tile[l][o][pi]);
                int p = pieces.pair[l][o][pi];
                Pair pr = ts.pairs.get(p);
                double[] tr = ts.transfer[p];
                for (int i = 0; i < pr.block.inCount(); i++) {
                    int w = o * in + pr.block.inStart() + i;
                    double d = step * k0[l][w];
                    double tt = tr[pr.block.rows()[i]];
                    num += tt * d;
                    den += d * d;
                    int kk = k[l][w];
                    if (k0[l][w] != 0 && kk != 0) {
                        // local attenuation of this cell pair; the compensated level would be a*k0/att
                        double att = tt / (step * kk);
                        if (att > 0) cap = Math.min(cap, n * att / Math.abs(k0[l][w]));
                    }
                }
            }
            double g = den > 0 && num > 0 ? num / den : 1.0;
            if (capped) g = Math.min(g, cap);
            a[l][o] = g;
        });
        return a;
    }

    /** One correction step of the level differences toward T = a k0 gStep. */
    static void correct(List<TileState> tiles, QuantizedNetwork q, int[][] k0, int[][] k, double[][] a, int n, double step) {
        for (TileState ts : tiles) {
            for (int p = 0; p < ts.pairs.size(); p++) {
                Pair pr = ts.pairs.get(p);
                int in = q.layers().get(pr.layer).map().inputs();
                double[] tr = ts.transfer[p];
                double ao = a[pr.layer][pr.out];
                for (int i = 0; i < pr.block.inCount(); i++) {
                    int w = pr.out * in + pr.block.inStart() + i;
                    if (k0[pr.layer][w] == 0) continue; // nothing to carry: level 0 is exact up to leakage
                    double tt = tr[pr.block.rows()[i]];
                    int kk = k[pr.layer][w];
                    double att = kk != 0 ? tt / (step * kk) : ao;
                    if (!(att > 0)) att = ao;
                    double next = kk + (ao * step * k0[pr.layer][w] - tt) / (att * step);
                    k[pr.layer][w] = (int) Math.max(-n, Math.min(n, Math.round(next)));
                }
            }
        }
    }

    /** Per output, sum of squared transfer errors (weight = trained units x gUnit s, here in siemens / a). */
    static double[][] outputErrors(ForkJoinPool pool, Pieces pieces, List<TileState> tiles, QuantizedNetwork q, int[][] k0, double[][] a,
                                   double step) {
        int nl = q.layers().size();
        double[][] e = new double[nl][];
        for (int l = 0; l < nl; l++) e[l] = new double[q.layers().get(l).map().outputs()];
        pieces.forEachOutput(pool, (l, o) -> {
            int in = q.layers().get(l).map().inputs();
            double sum = 0;
            for (int pi = 0; pi < pieces.tile[l][o].length; pi++) {
                TileState ts = tiles.get(pieces.tile[l][o][pi]);
                int p = pieces.pair[l][o][pi];
                Pair pr = ts.pairs.get(p);
                for (int i = 0; i < pr.block.inCount(); i++) {
                    double d = ts.transfer[p][pr.block.rows()[i]] / a[l][o] - step * k0[l][o * in + pr.block.inStart() + i];
                    sum += d * d;
                }
            }
            e[l][o] = sum;
        });
        return e;
    }

    static List<TileIrReport> reports(ForkJoinPool pool, List<TileState> tiles, QuantizedNetwork q, int[][] k0, int[][] k, double[][] before,
                                      double[][] a, double step) {
        // after: the transfers are those of the final targets (solved last by the caller)
        double[][] after = tileErrors(pool, tiles, q, k0, a, step);
        long[] changed = new long[tiles.size()];
        double[] meanGain = new double[tiles.size()];
        pool.submit(() -> IntStream.range(0, tiles.size()).parallel().forEach(ti -> {
            TileState ts = tiles.get(ti);
            double ga = 0;
            for (Pair pr : ts.pairs) {
                ga += a[pr.layer][pr.out];
                int in = q.layers().get(pr.layer).map().inputs();
                for (int i = 0; i < pr.block.inCount(); i++) {
                    int w = pr.out * in + pr.block.inStart() + i;
                    int d0 = k0[pr.layer][w], d1 = k[pr.layer][w];
                    if (d0 != d1) changed[ti] += (Math.max(d0, 0) != Math.max(d1, 0) ? 1 : 0) + (Math.max(-d0, 0) != Math.max(-d1, 0) ? 1 : 0);
                }
            }
            meanGain[ti] = ts.pairs.isEmpty() ? 1 : ga / ts.pairs.size();
        })).join();
        List<TileIrReport> out = new ArrayList<>();
        for (int ti = 0; ti < tiles.size(); ti++) {
            out.add(new TileIrReport(ti, tiles.get(ti).pairs.size(), before[ti][0], before[ti][1], after[ti][0], after[ti][1], meanGain[ti],
                    changed[ti]));
        }
        return out;
    }

    /** Per tile {rms, max} of the transfer error in trained-weight units. */
    static double[][] tileErrors(ForkJoinPool pool, List<TileState> tiles, QuantizedNetwork q, int[][] k0, double[][] a, double step) {
        double[][] r = new double[tiles.size()][2];
        pool.submit(() -> IntStream.range(0, tiles.size()).parallel().forEach(ti -> {
            TileState ts = tiles.get(ti);
            double sq = 0, mx = 0;
            long cnt = 0;
            for (int p = 0; p < ts.pairs.size(); p++) {
                Pair pr = ts.pairs.get(p);
                var map = q.layers().get(pr.layer).map();
                int in = map.inputs();
                double unit = map.gUnit() * map.scale(pr.out); // siemens per trained-weight unit
                for (int i = 0; i < pr.block.inCount(); i++) {
                    int w = pr.out * in + pr.block.inStart() + i;
                    double tt = ts.transfer[p][pr.block.rows()[i]];
                    double e = Math.abs(tt / a[pr.layer][pr.out] - step * k0[pr.layer][w]) / unit;
                    sq += e * e;
                    mx = Math.max(mx, e);
                    cnt++;
                }
            }
            r[ti][0] = cnt == 0 ? 0 : Math.sqrt(sq / cnt);
            r[ti][1] = mx;
        })).join();
        return r;
    }
}
