package io.memtile.compiler.range;

import io.memtile.compiler.map.DifferentialLayer;
import io.memtile.compiler.map.DifferentialMapping;
import io.memtile.compiler.place.Placement;
import io.memtile.compiler.program.Block;
import io.memtile.compiler.quant.QuantizePass;
import io.memtile.core.target.Target;
import io.memtile.physics.crossbar.IrAttenuation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Range headroom for IR drop: per layer, how much of the full range (largest weight on level N) the
 * range mapping should use so that the IR-drop pass can still reach its compensated targets.
 *
 * <p>Why: a larger range scale uses more levels (less quantisation error) but raises every cell's
 * conductance, and with 1 kOhm devices on 128x128 tiles with resistive lines the currents then load the
 * word and bit lines so much that a far cell keeps only a few per cent of its nominal transfer. The
 * IR-drop pass divides the attenuation out per output, but it can only raise a level up to N, and the
 * per-output gain is capped by the worst cell; past some scale the compensated error grows faster than
 * the quantisation error shrinks. Measured on the demo model (max|w| = 0.145, full-range scale 6.9):
 * mean attenuation 0.095 and a transfer error of half the weights' RMS after compensation.
 *
 * <p>How: for candidate fractions f = 2^(-j/4) of the full-range scale, the layer's cells are quantised
 * at f, placed as the placement puts them, and the IR pass's own iteration (least-squares output gain
 * capped so the compensated levels stay within [-N, N], per-cell level correction, re-quantisation) is
 * run on the per-cell attenuation model {@link IrAttenuation} (each line solved exactly as a ladder; the
 * exact network solve is the IR pass's job afterwards, this only has to rank scales). The predicted
 * error per weight, in trained-weight units, is transfer / (gain * gUnit * scale) - w: quantisation and
 * IR residual together. Each layer starts from the fraction with the smallest RMS error (ties: the larger
 * fraction); an alpha-driven layer then moves to the largest fraction of the band around it that stays within the
 * headroom tolerance ({@link #choose(DifferentialMapping, Placement, Target, int, double)}). Layers go in order, the
 * others held at their current choice. The whole grid is scanned: the
 * error is not unimodal in f (the output gain's cap switches between cells), so stopping early can miss the minimum. Tiles of a layer beyond
 * {@link #MAX_TILES} are subsampled evenly (the 4096-wide networks have ~1000 tiles per layer).
 */
public final class IrHeadroom {
    /** Candidate fractions 2^(-j/4), j = 0..STEPS-1: from the full range down to 1/8 of it. */
    static final int STEPS = 13;
    /** Correction iterations, as the IR pass (plain solve, then ITERATIONS corrections). */
    static final int ITERATIONS = 2;
    static final int MAX_TILES = 16;

    private IrHeadroom() {}

    /**
     * One layer's choice.
     *
     * @param fraction         chosen fraction of the full-range scale
     * @param predictedRms     predicted RMS error (quantisation + compensated IR residual, trained-weight units) at it
     * @param predictedRmsFull the same at the full range
     * @param predictedRmsMin  the smallest predicted RMS over the scanned fractions
     * @param curve            the scan: fractions 2^(-j/4) and their predicted RMS, alternating (f0, e0, f1, e1, ...)
     */
    public record Choice(int layer, double fraction, double predictedRms, double predictedRmsFull, double predictedRmsMin, double[] curve) {}

    /** {@link #choose(DifferentialMapping, Placement, Target, int, double)} with tolerance 0: the error-minimising fraction. */
    public static List<Choice> choose(DifferentialMapping full, Placement pl, Target t, int n) {
        return choose(full, pl, t, n, 0);
    }

    /**
     * @param full      range-mapped layers at the full range (largest |s_o w| = 1)
     * @param tolerance accepted relative excess of the predicted error over its minimum: each alpha-driven layer takes the
     *                  largest fraction of the contiguous band around the minimum whose predicted RMS is at most (1 + tolerance)
     *                  times the smallest one. Why: the error
     *                  curve is flat near its minimum while the read energy is not; the alpha and crossbar heat fall
     *                  roughly as 1/fraction (the common-mode gOff part as 1/fraction^2), so a little predicted error buys
     *                  a large energy saving, and more of the device's levels are used
     * @return per layer the chosen fraction of the full-range scale, with its predicted error
     */
    public static List<Choice> choose(DifferentialMapping full, Placement pl, Target t, int n, double tolerance) {
        return choose(full, pl, t, n, tolerance, 1);
    }

    /**
     * {@link #choose(DifferentialMapping, Placement, Target, int, double)} with the candidate fractions of a layer evaluated
     * on {@code threads} threads; each candidate is independent, so the choice does not depend on the thread count.
     */
    public static List<Choice> choose(DifferentialMapping full, Placement pl, Target t, int n, double tolerance, int threads) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) throw new IllegalArgumentException("headroom tolerance must be finite and >= 0, got " + tolerance);
        int nl = full.layers().size();
        double[] f = new double[nl];
        Arrays.fill(f, 1.0);
        double rWire = t.tile().wireResistanceOhm();
        List<Choice> out = new ArrayList<>();
        if (!(rWire > 0)) {
            for (int l = 0; l < nl; l++) out.add(new Choice(l, 1.0, Double.NaN, Double.NaN, Double.NaN, new double[0]));
            return out;
        }
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(Math.max(1, threads));
        try {
            for (int l = 0; l < nl; l++) {
                List<List<Block>> tiles = tilesOf(pl, l);
                int layer = l;
                double[] e = pool.submit(() -> java.util.stream.IntStream.range(0, STEPS).parallel().mapToDouble(j -> {
                    double[] fj = f.clone();
                    fj[layer] = fraction(j);
                    return predictedRms(full, tiles, pl, t, n, fj, layer);
                }).toArray()).join();
                double[] curve = new double[2 * STEPS];
                double best = Double.MAX_VALUE;
                for (int j = 0; j < STEPS; j++) {
                    curve[2 * j] = fraction(j);
                    curve[2 * j + 1] = e[j];
                    best = Math.min(best, e[j]);
                }
                // Alpha-driven layers (the drive pass divides the range scale out of the drivers' amplitude): the word-line
                // heat V^2 G falls as the fraction grows, so walk from the error minimum toward the full range while the
                // predicted error stays within the tolerance, and stop at the first fraction outside it. Why contiguous: the
                // prediction is not unimodal far from its minimum (on the demo model it dips again at 84 % of the range, a
                // dip the chip did not confirm), so only the band around the minimum is trusted. Membrane-driven layers keep
                // the error minimum: their range scale is compensated in the current gain, so a smaller fraction would save
                // heat, but during development it cost the demo accuracy for no measurable energy (README).
                int pick = 0;
                for (int j = 1; j < STEPS; j++) if (e[j] < e[pick] * (1 - 1e-9)) pick = j; // the minimum; ties: the larger fraction
                if (alphaDriven(full.layers().get(l))) {
                    double limit = best * (1 + tolerance) * (1 + 1e-9);
                    while (pick > 0 && e[pick - 1] <= limit) pick--;
                }
                f[l] = fraction(pick);
                out.add(new Choice(l, f[l], e[pick], e[0], best, curve));
            }
        } finally {
            pool.shutdown();
        }
        return List.copyOf(out);
    }

    /** Whether the layer's word lines carry the alpha generators (whose amplitude the drive pass scales). */
    static boolean alphaDriven(DifferentialLayer d) { return "ALPHA".equals(d.drive()); }

    /** Candidate j: 2^(-j/4) of the full range. */
    static double fraction(int j) { return Math.pow(2, -j / 4.0); }

    /** The tiles holding part of layer l, at most MAX_TILES of them, evenly spread. */
    static List<List<Block>> tilesOf(Placement pl, int l) {
        List<List<Block>> all = new ArrayList<>();
        for (List<Block> tile : pl.tiles()) if (tile.stream().anyMatch(b -> b.layer() == l)) all.add(tile);
        if (all.size() <= MAX_TILES) return all;
        List<List<Block>> s = new ArrayList<>();
        for (int i = 0; i < MAX_TILES; i++) s.add(all.get((int) ((long) i * all.size() / MAX_TILES)));
        return s;
    }

    /** A tile's cells: for every placed weight its layer, output, flat index, row and column pair. */
    private record Cell(int layer, int out, int w, int row, int plus, int minus) {}

    /** RMS over layer l's cells on the tiles of (quantisation + compensated IR) error, trained-weight units. */
    static double predictedRms(DifferentialMapping full, List<List<Block>> tiles, Placement pl, Target t, int n, double[] f, int l) {
        int rows = pl.rows(), cols = pl.cols();
        double gOff = t.synapse().gOff(), step = (t.synapse().gOn() - gOff) / n, rWire = t.tile().wireResistanceOhm();
        DifferentialLayer d = full.layers().get(l);
        int nt = tiles.size();
        List<List<Cell>> cells = new ArrayList<>();
        List<boolean[]> sensed = new ArrayList<>();
        int[][] k0 = new int[nt][], k = new int[nt][];
        for (List<Block> tile : tiles) {
            List<Cell> cs = new ArrayList<>();
            boolean[] sn = new boolean[cols];
            for (Block b : tile) {
                int in = full.layers().get(b.layer()).inputs();
                for (int o = 0; o < b.outCount(); o++) {
                    sn[b.plusCols()[o]] = sn[b.minusCols()[o]] = true;
                    for (int i = 0; i < b.inCount(); i++) {
                        cs.add(new Cell(b.layer(), b.outStart() + o, (b.outStart() + o) * in + b.inStart() + i, b.rows()[i], b.plusCols()[o],
                                b.minusCols()[o]));
                    }
                }
            }
            int ti = cells.size();
            k0[ti] = new int[cs.size()];
            for (int c = 0; c < cs.size(); c++) {
                Cell ce = cs.get(c);
                DifferentialLayer dl = full.layers().get(ce.layer);
                int in = dl.inputs();
                k0[ti][c] = QuantizePass.bestDifference(f[ce.layer] * dl.mapped(ce.out, ce.w - ce.out * in), n);
            }
            k[ti] = k0[ti].clone();
            cells.add(cs);
            sensed.add(sn);
        }
        double[][] tr = new double[nt][], att = new double[nt][];
        transfers(cells, sensed, k, rows, cols, gOff, step, rWire, tr, att);
        double[] a = gains(cells, k0, k, tr, att, d.outputs(), l, n, step, true);
        for (int it = 0; it < ITERATIONS; it++) {
            for (int ti = 0; ti < nt; ti++) {
                List<Cell> cs = cells.get(ti);
                for (int c = 0; c < cs.size(); c++) {
                    if (cs.get(c).layer != l || k0[ti][c] == 0) continue;
                    double at = att[ti][c] > 0 ? att[ti][c] : a[cs.get(c).out];
                    double next = k[ti][c] + (a[cs.get(c).out] * step * k0[ti][c] - tr[ti][c]) / (at * step);
                    k[ti][c] = (int) Math.max(-n, Math.min(n, Math.round(next)));
                }
            }
            transfers(cells, sensed, k, rows, cols, gOff, step, rWire, tr, att);
        }
        double[] af = gains(cells, k0, k, tr, att, d.outputs(), l, n, step, false);
        double se = 0;
        long cnt = 0;
        for (int ti = 0; ti < nt; ti++) {
            List<Cell> cs = cells.get(ti);
            for (int c = 0; c < cs.size(); c++) {
                Cell ce = cs.get(c);
                if (ce.layer != l) continue;
                double s = f[l] * d.scale(ce.out);
                double w = d.weights()[ce.out][ce.w - ce.out * d.inputs()];
                double e = tr[ti][c] / (af[ce.out] * step * n * s) - w;
                se += e * e;
                cnt++;
            }
        }
        return cnt == 0 ? 0 : Math.sqrt(se / cnt);
    }

    /** Per-cell model transfer T = a+ G+ - a- G- of every cell pair, and the active device's attenuation. */
    private static void transfers(List<List<Cell>> cells, List<boolean[]> sensed, int[][] k, int rows, int cols, double gOff, double step,
                                  double rWire, double[][] tr, double[][] att) {
        for (int ti = 0; ti < cells.size(); ti++) {
            List<Cell> cs = cells.get(ti);
            double[] g = new double[rows * cols];
            Arrays.fill(g, gOff);
            for (int c = 0; c < cs.size(); c++) {
                Cell ce = cs.get(c);
                g[ce.row * cols + ce.plus] = gOff + step * Math.max(k[ti][c], 0);
                g[ce.row * cols + ce.minus] = gOff + step * Math.max(-k[ti][c], 0);
            }
            double[] a = IrAttenuation.factors(rows, cols, g, rWire, sensed.get(ti));
            tr[ti] = new double[cs.size()];
            att[ti] = new double[cs.size()];
            for (int c = 0; c < cs.size(); c++) {
                Cell ce = cs.get(c);
                int p = ce.row * cols + ce.plus, m = ce.row * cols + ce.minus;
                tr[ti][c] = a[p] * g[p] - a[m] * g[m];
                att[ti][c] = k[ti][c] >= 0 ? a[p] : a[m];
            }
        }
    }

    /** Per-output least-squares gain of T on k0 step, optionally capped so a k0/att stays within N (as the IR pass). */
    private static double[] gains(List<List<Cell>> cells, int[][] k0, int[][] k, double[][] tr, double[][] att, int outs, int l, int n,
                                  double step, boolean capped) {
        double[] num = new double[outs], den = new double[outs], cap = new double[outs];
        Arrays.fill(cap, Double.MAX_VALUE);
        for (int ti = 0; ti < cells.size(); ti++) {
            List<Cell> cs = cells.get(ti);
            for (int c = 0; c < cs.size(); c++) {
                Cell ce = cs.get(c);
                if (ce.layer != l) continue;
                double dd = step * k0[ti][c];
                num[ce.out] += tr[ti][c] * dd;
                den[ce.out] += dd * dd;
                if (k0[ti][c] != 0 && att[ti][c] > 0) cap[ce.out] = Math.min(cap[ce.out], n * att[ti][c] / Math.abs(k0[ti][c]));
            }
        }
        double[] a = new double[outs];
        for (int o = 0; o < outs; o++) {
            double g = den[o] > 0 && num[o] > 0 ? num[o] / den[o] : 1.0;
            a[o] = capped ? Math.min(g, cap[o]) : g;
        }
        return a;
    }
}
