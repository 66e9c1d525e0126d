package io.memtile.physics.mif.lanes;

/**
 * exp(x) as a fixed sequence of IEEE operations (Cody-Waite reduction with FMA, degree-13 Taylor
 * polynomial in Horner form, 2^n built in the exponent bits), so that the scalar lane kernel and the
 * SIMD one ({@code VectorExpLaneKernel}) compute bit-identical values: the vector lanes run exactly
 * these operations, in this order. {@code Math.exp} cannot be used for that, because the vector
 * intrinsic (SVML) and the scalar intrinsic round differently.
 *
 * <p>Accuracy (measured over 2^22 points of [-708, 709], {@code ExpPolyTest}): at most 2 ulp from
 * {@code Math.exp}, i.e. ~4e-16 relative; the Taylor remainder at |r| &lt;= ln2/2 is below 5e-18.
 * The argument is clamped to [-708, 709] (normal results only): below -708 the result stays at
 * ~3.3e-308 instead of flushing to 0, above 709 at ~8.2e307 instead of +inf. NaN propagates.
 */
public final class ExpPoly {
    private ExpPoly() {}

    static final double LO = -708.0;
    static final double HI = 709.0;
    static final double LOG2E = 1.4426950408889634;
    /** 1.5 * 2^52: adding and subtracting it rounds to the nearest integer (|t| &lt; 2^51). */
    static final double SHIFTER = 6755399441055744.0;
    static final double LN2_HI = 0.6931471803691238;
    static final double LN2_LO = 1.9082149292705877e-10;
    /** 1/k! for k = 13 down to 2 (Horner order). */
    static final double[] C = {
            1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0,
            1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5};

    /** Largest |y| for which {@link #expSmall} is within rounding of exp: y^8/8! &lt; 2e-17 there. */
    public static final double SMALL = 0.03;

    /**
     * exp(y) for |y| &lt;= {@link #SMALL}: the degree-7 Taylor polynomial in Horner form (7 FMAs, no
     * range reduction). The lane kernels use it for the state-equation factor exp(-c r), whose
     * argument is bounded by 2c (r = p + q &lt;= 2).
     */
    public static double expSmall(double y) {
        double p = 1.0 / 5040;
        for (int k = 0; k < SMALL_C.length; k++) p = Math.fma(p, y, SMALL_C[k]);
        return p;
    }

    /** 1/k! for k = 6 down to 0. */
    static final double[] SMALL_C = {1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 0.5, 1.0, 1.0};

    public static double exp(double x) {
        x = Math.min(Math.max(x, LO), HI);
        double shifted = x * LOG2E + SHIFTER;
        double n = shifted - SHIFTER;
        double r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        double p = C[0];
        for (int k = 1; k < C.length; k++) p = Math.fma(p, r, C[k]);
        p = Math.fma(p, r, 1.0);
        p = Math.fma(p, r, 1.0);
        long bits = (Double.doubleToRawLongBits(shifted) + 1023) << 52;
        return p * Double.longBitsToDouble(bits);
    }
}
