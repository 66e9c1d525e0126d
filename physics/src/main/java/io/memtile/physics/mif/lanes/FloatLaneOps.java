package io.memtile.physics.mif.lanes;

/**
 * {@link LaneOps} in float32: the dense products and the softmax readout of a batch-lane network
 * step over the [row][lane] layout. {@link #scalar()} and the SIMD implementation perform the same
 * IEEE float operations per lane in the same order, so results are bit-identical (LaneKernelFTest).
 * {@code lanes} must be a multiple of {@link #vectorLanes()}.
 */
public abstract class FloatLaneOps {
    private static final FloatLaneOps SCALAR = new FloatLaneOps() {};

    /** The scalar implementation. */
    public static FloatLaneOps scalar() { return SCALAR; }

    /** SIMD if enabled and available (see {@link LaneKernels#simdEnabled()}), else scalar. */
    public static FloatLaneOps of(boolean simd) {
        if (simd && LaneKernels.simdAvailable()) return VectorFloatLaneOps.preferred();
        return SCALAR;
    }

    /** Lanes one vector holds (1 for scalar). */
    public int vectorLanes() { return 1; }

    /** Default lane-group width: 16 samples, or one vector if wider. */
    public int groupLanes() { return Math.max(16, vectorLanes()); }

    /** As {@link LaneOps#gemv}, in float. */
    public void gemv(float[][] w, int n, int m, float[] x, int xOff, int lanes, float c, float[] out, int outOff) {
        float[] acc = new float[lanes];
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(acc, 0f);
            float[] row = w[j];
            for (int i = 0; i < m; i++) {
                float wi = row[i];
                int base = xOff + i * lanes;
                for (int b = 0; b < lanes; b++) acc[b] = Math.fma(wi, x[base + b], acc[b]);
            }
            for (int b = 0; b < lanes; b++) out[outOff + j * lanes + b] = acc[b] * c;
        }
    }

    /** As {@link LaneOps#gemvBackward}, in float. */
    public void gemvBackward(float[][] w, int n, int m, float[] g, float[] x, int xOff, int lanes,
                             float[][] gW, float[] gx) {
        for (int j = 0; j < n; j++) {
            float[] row = w[j], grow = gW[j];
            for (int i = 0; i < m; i++) {
                float wi = row[i];
                int xb = xOff + i * lanes, gb = i * lanes;
                for (int b = 0; b < lanes; b++) {
                    float gj = g[j * lanes + b];
                    grow[gb + b] = Math.fma(gj, x[xb + b], grow[gb + b]);
                    gx[gb + b] = Math.fma(gj, wi, gx[gb + b]);
                }
            }
        }
    }

    /**
     * The adjoint of one step's readout loss (lse - z_y per lane, z = v / unit) added into the output
     * layer's gV: {@code gV[k][b] += (scale[b] (softmax_k,b - [k == label_b])) / unit} for every class k
     * and lane b (label -1: no one-hot term; scale 0 for lanes without a sample). Both implementations
     * run these float operations in this order.
     */
    public void softmaxAdjoint(int classes, int lanes, float[] sm, int smOff, int[] labels, float[] scale, float unit, float[] gV) {
        for (int k = 0; k < classes; k++) {
            for (int b = 0; b < lanes; b++) {
                float d = sm[smOff + k * lanes + b] - (k == labels[b] ? 1f : 0f);
                gV[k * lanes + b] += scale[b] * d / unit;
            }
        }
    }

    /**
     * As {@link LaneOps#softmax}, in float (exp: {@link ExpPolyF}; log: Math.log of the float sum,
     * rounded to float, per lane in both implementations).
     */
    public void softmax(int classes, int lanes, float[] v, int vOff, float unit, float[] sm, int smOff,
                        float[] lsm, float[] lse) {
        for (int b = 0; b < lanes; b++) {
            float zMax = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) zMax = Math.max(zMax, v[vOff + k * lanes + b] / unit);
            float se = 0;
            for (int k = 0; k < classes; k++) {
                float e = ExpPolyF.exp(v[vOff + k * lanes + b] / unit - zMax);
                sm[smOff + k * lanes + b] = e;
                se += e;
            }
            float l = zMax + (float) Math.log(se);
            lse[b] = l;
            for (int k = 0; k < classes; k++) {
                int o = k * lanes + b;
                sm[smOff + o] = sm[smOff + o] / se;
                lsm[o] += v[vOff + o] / unit - l;
            }
        }
    }

    /**
     * Forward step of the smooth action-potential count (the activity term, float32): for k &lt; n,
     * {@code s[k] = 1 / (1 + exp(-(v[k] - fire) * invWidth))} (exp: {@link ExpPolyF}) and
     * {@code count[k] += max(s[k] - prev[k], 0)}. Both implementations run these float operations in
     * this order, so they are bit-identical.
     */
    public void sigmoidRise(int n, float[] v, float fire, float invWidth, float[] prev, float[] s, float[] count) {
        sigmoidRiseTail(0, n, v, fire, invWidth, prev, s, count);
    }

    /** {@link #sigmoidRise} for k in [from, n) (the scalar form; the SIMD implementation's tail). */
    final void sigmoidRiseTail(int from, int n, float[] v, float fire, float invWidth, float[] prev, float[] s, float[] count) {
        for (int k = from; k < n; k++) {
            float x = 1f / (1f + ExpPolyF.exp(-((v[k] - fire) * invWidth)));
            s[k] = x;
            count[k] += Math.max(x - prev[k], 0f);
        }
    }

    /**
     * Reverse of {@link #sigmoidRise} for one step, in [neuron][lane] layout (n neurons x lanes):
     * {@code gV[k] += (((c_b h) s) (1 - s)) invWidth} with {@code h = H(s - prev) - H(next - s)} (H: 1
     * for a positive argument, else 0; the second term absent where {@code next} is null) and c_b the
     * lane's factor. Both implementations run these float operations in this order.
     */
    public void sigmoidAdjoint(int n, int lanes, float[] prev, float[] s, float[] next, float[] c, float invWidth, float[] gV) {
        for (int j = 0; j < n; j++) {
            for (int b = 0; b < lanes; b++) {
                int k = j * lanes + b;
                float x = s[k];
                float h = (x - prev[k] > 0f ? 1f : 0f) - (next != null && next[k] - x > 0f ? 1f : 0f);
                float g = c[b] * h;
                g = g * x;
                g = g * (1f - x);
                g = g * invWidth;
                gV[k] += g;
            }
        }
    }
}
