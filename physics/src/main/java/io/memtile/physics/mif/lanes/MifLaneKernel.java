package io.memtile.physics.mif.lanes;

import io.memtile.physics.mif.MifKernel;

/**
 * The reference {@link MifKernel} as a {@link LaneKernel}: used for the explicit and semi-implicit
 * integrators (which are not vectorised: the exponential one is the default and the one training
 * time is spent in) and for A/B comparisons against the lane kernels.
 */
public final class MifLaneKernel implements LaneKernel {
    private final MifKernel k;

    public MifLaneKernel(MifKernel k) { this.k = k; }

    @Override
    public void forward(int n, double[] v, double[] x1, double[] x2, double[] cur, double[] vo, double[] x1o, double[] x2o) {
        k.forward(n, v, x1, x2, cur, vo, x1o, x2o);
    }

    @Override
    public void forwardTaped(int n, double[] v, double[] x1, double[] x2, double[] cur, double[] vo, double[] x1o,
                             double[] x2o, double[] tape, int off) {
        k.forwardTaped(n, v, x1, x2, cur, vo, x1o, x2o, tape, off);
    }

    @Override
    public void backwardTaped(int n, double[] tape, int off, double[] gV, double[] gX1, double[] gX2, double[] gI) {
        k.backwardTaped(n, tape, off, gV, gX1, gX2, gI);
    }

    @Override
    public int tapeStride() { return MifKernel.TAPE_STRIDE; }

    @Override
    public String describe() { return k.integrator().name().toLowerCase(java.util.Locale.ROOT) + ", scalar reference kernel"; }
}
