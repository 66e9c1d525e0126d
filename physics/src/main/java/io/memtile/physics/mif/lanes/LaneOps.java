package io.memtile.physics.mif.lanes;

/**
 * The dense products and the softmax readout of a batch-lane network step, over the [row][lane]
 * layout (element {@code i * lanes + b} is row i of sample lane b): one weight row broadcast against
 * a vector of lanes. {@link #scalar()} and the SIMD implementation perform the same IEEE operations
 * per lane in the same order: the products are bit-identical, the softmax differs only by the
 * rounding of exp (SVML vs Math.exp, LaneKernelTest). {@code lanes} must be a multiple of
 * {@link #vectorLanes()}.
 */
public abstract class LaneOps {
    private static final LaneOps SCALAR = new LaneOps() {};

    /** The scalar implementation. */
    public static LaneOps scalar() { return SCALAR; }

    /** SIMD if enabled and available (see {@link LaneKernels#simdEnabled()}), else scalar. */
    public static LaneOps of(boolean simd) {
        if (simd && LaneKernels.simdAvailable()) return VectorLaneOps.preferred();
        return SCALAR;
    }

    /** Lanes one vector holds (1 for scalar). */
    public int vectorLanes() { return 1; }

    /** Default lane-group width: 8 samples, or one vector if wider. */
    public int groupLanes() { return Math.max(8, vectorLanes()); }

    /**
     * out[outOff + j*L + b] = c * sum_{i&lt;m} W[j][i] x[xOff + i*L + b] for j &lt; n, each sum an FMA
     * chain from 0 in order of i.
     */
    public void gemv(double[][] w, int n, int m, double[] x, int xOff, int lanes, double c, double[] out, int outOff) {
        double[] acc = new double[lanes];
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(acc, 0);
            double[] row = w[j];
            for (int i = 0; i < m; i++) {
                double wi = row[i];
                int base = xOff + i * lanes;
                for (int b = 0; b < lanes; b++) acc[b] = Math.fma(wi, x[base + b], acc[b]);
            }
            for (int b = 0; b < lanes; b++) out[outOff + j * lanes + b] = acc[b] * c;
        }
    }

    /**
     * Reverse of {@link #gemv} for one step, with the adjoint g (n x L, already multiplied by c):
     * gW[j][i*L + b] += g[j*L+b] x[xOff + i*L + b] and gx[i*L + b] += g[j*L+b] W[j][i], in order of j
     * then i (FMAs). gW keeps one slot per lane so that no sum crosses samples here.
     */
    public void gemvBackward(double[][] w, int n, int m, double[] g, double[] x, int xOff, int lanes,
                             double[][] gW, double[] gx) {
        for (int j = 0; j < n; j++) {
            double[] row = w[j], grow = gW[j];
            for (int i = 0; i < m; i++) {
                double wi = row[i];
                int xb = xOff + i * lanes, gb = i * lanes;
                for (int b = 0; b < lanes; b++) {
                    double gj = g[j * lanes + b];
                    grow[gb + b] = Math.fma(gj, x[xb + b], grow[gb + b]);
                    gx[gb + b] = Math.fma(gj, wi, gx[gb + b]);
                }
            }
        }
    }

    /**
     * Softmax readout of one step: z_k = v[vOff + k*L + b] / unit; writes sm[smOff + k*L + b] =
     * exp(z_k - max z) / sum, adds z_k - lse into lsm[k*L + b], and writes lse into lse[b], where
     * lse = max z + log(sum) (log: Math.log per lane in both implementations).
     */
    public void softmax(int classes, int lanes, double[] v, int vOff, double unit, double[] sm, int smOff,
                        double[] lsm, double[] lse) {
        for (int b = 0; b < lanes; b++) {
            double zMax = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) zMax = Math.max(zMax, v[vOff + k * lanes + b] / unit);
            double se = 0;
            for (int k = 0; k < classes; k++) {
                double e = ExpPoly.exp(v[vOff + k * lanes + b] / unit - zMax);
                sm[smOff + k * lanes + b] = e;
                se += e;
            }
            double l = zMax + Math.log(se);
            lse[b] = l;
            for (int k = 0; k < classes; k++) {
                int o = k * lanes + b;
                sm[smOff + o] = sm[smOff + o] / se;
                lsm[o] += v[vOff + o] / unit - l;
            }
        }
    }
}
