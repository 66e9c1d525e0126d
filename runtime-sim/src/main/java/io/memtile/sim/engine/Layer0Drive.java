package io.memtile.sim.engine;

import io.memtile.datasets.events.SparseFrames;
import io.memtile.sim.chip.LayerOperator;
import java.util.Arrays;

/**
 * The per-sample precomputation of layer 0's word-line drive for {@link SampleEngine}. Word line i
 * carries A0 x_i(t) alpha[t]: for static images x is one vector per sample, for binned events it is
 * frame k during bin k ({@link SparseFrames#binOf}). Alpha separability holds within a bin, so every
 * bin gets its own W x, drift and read-noise factors and per-tile array loads; a step then costs one
 * multiply per neuron as before.
 *
 * <p>Sparse events: a frame's products run over its non-zero entries only, and a word line whose
 * frame value is 0 is not driven and dissipates nothing ({@link #drivenRows} counts the driven ones;
 * the energy sums are over driven rows only, exactly, since an undriven row's V^2 S dt is 0).
 */
final class Layer0Drive {
    private final int n1, tiles, steps, nin;
    int bins;
    private int[] binOf;
    double[][] u0, uOff0, qn0, tileS0, tileSOff0;
    /**
     * With bit-line references on this tile's other columns (op0.refLoads): per bin and tile, sum over driven rows of
     * x SV and of SV2 (and their G_off twins for drift), so that a step's heat is a^2 dt tileS0 - 2 a dt tileSV0 +
     * dt tileSV20 (see chip.RowRefLoads); null arrays when op0 has no reference loads.
     */
    double[][] tileSV0, tileSVOff0, tileSV20, tileSV2Off0;
    double[] rowAbs0, rowSq0;
    /** Word lines with a non-zero drive, per bin. */
    int[] drivenRows;
    private final double[] dense;

    Layer0Drive(int n1, int nin, int tiles, int steps) {
        this.n1 = n1;
        this.nin = nin;
        this.tiles = tiles;
        this.steps = steps;
        dense = new double[nin];
        configure(1);
    }

    private void configure(int b) {
        if (u0 != null && bins == b) return;
        bins = b;
        binOf = new int[steps];
        for (int t = 0; t < steps; t++) binOf[t] = SparseFrames.binOf(t, steps, b);
        u0 = new double[b][n1];
        uOff0 = new double[b][n1];
        qn0 = new double[b][n1];
        tileS0 = new double[b][tiles];
        tileSOff0 = new double[b][tiles];
        tileSV0 = new double[b][tiles];
        tileSVOff0 = new double[b][tiles];
        tileSV20 = new double[b][tiles];
        tileSV2Off0 = new double[b][tiles];
        rowAbs0 = new double[b];
        rowSq0 = new double[b];
        drivenRows = new int[b];
    }

    int bin(int t) { return binOf[t]; }

    /** Static input p (one bin): the original per-sample precomputation, arithmetic unchanged. */
    void prepareStatic(LayerOperator op0, double[] p, boolean drift, boolean noise) {
        configure(1);
        for (int j = 0; j < n1; j++) {
            double a = 0, b = 0, q = 0;
            int base = j * nin;
            for (int i = 0; i < nin; i++) a += op0.w()[base + i] * p[i];
            if (drift) for (int i = 0; i < nin; i++) b += op0.wOff()[base + i] * p[i];
            if (noise) for (int i = 0; i < nin; i++) q += op0.q()[base + i] * p[i] * p[i];
            u0[0][j] = a;
            uOff0[0][j] = b;
            qn0[0][j] = Math.sqrt(q);
        }
        rows(0, op0, p, drift);
    }

    /** Binned event sample s of f: per bin, products over the frame's non-zero entries only. */
    void prepareFrames(LayerOperator op0, SparseFrames f, int s, boolean drift, boolean noise) {
        configure(f.bins());
        char[] ch = f.channel();
        double[] w = op0.w(), wo = op0.wOff(), q = op0.q();
        for (int k = 0; k < bins; k++) {
            double[] a = u0[k], b = uOff0[k], qq = qn0[k];
            Arrays.fill(a, 0);
            Arrays.fill(b, 0);
            Arrays.fill(qq, 0);
            int from = f.from(s, k), to = f.to(s, k);
            for (int e = from; e < to; e++) {
                int i = ch[e];
                double v = f.value(e);
                for (int j = 0; j < n1; j++) a[j] += w[j * nin + i] * v;
                if (drift) for (int j = 0; j < n1; j++) b[j] += wo[j * nin + i] * v;
                if (noise) for (int j = 0; j < n1; j++) qq[j] += q[j * nin + i] * v * v;
            }
            for (int j = 0; j < n1; j++) qq[j] = Math.sqrt(qq[j]);
            f.frame(s, k, dense);
            rows(k, op0, dense, drift);
        }
    }

    /** Per-tile array loads and row statistics of bin k for drive values x. */
    private void rows(int k, LayerOperator op0, double[] x, boolean drift) {
        double[] ts = tileS0[k], tso = tileSOff0[k];
        Arrays.fill(ts, 0);
        Arrays.fill(tso, 0);
        double abs = 0, sq = 0;
        int driven = 0;
        int[] ri = op0.rowInput(), rt = op0.rowTile();
        double[] rs = op0.rowS(), rso = op0.rowSOff();
        io.memtile.sim.chip.RowRefLoads rl = op0.refLoads();
        double[] tsv = tileSV0[k], tsvo = tileSVOff0[k], tsv2 = tileSV20[k], tsv2o = tileSV2Off0[k];
        if (rl != null) {
            Arrays.fill(tsv, 0);
            Arrays.fill(tsvo, 0);
            Arrays.fill(tsv2, 0);
            Arrays.fill(tsv2o, 0);
        }
        for (int r = 0; r < ri.length; r++) {
            double pi = x[ri[r]];
            if (pi == 0) continue; // an undriven word line: no current, no energy
            driven++;
            ts[rt[r]] += rs[r] * pi * pi;
            if (drift) tso[rt[r]] += rso[r] * pi * pi;
            if (rl != null) {
                tsv[rt[r]] += rl.sv()[r] * pi;
                tsv2[rt[r]] += rl.sv2()[r];
                if (drift) {
                    tsvo[rt[r]] += rl.svOff()[r] * pi;
                    tsv2o[rt[r]] += rl.sv2Off()[r];
                }
            }
            abs += Math.abs(pi);
            sq += pi * pi;
        }
        rowAbs0[k] = abs;
        rowSq0[k] = sq;
        drivenRows[k] = driven;
    }
}
