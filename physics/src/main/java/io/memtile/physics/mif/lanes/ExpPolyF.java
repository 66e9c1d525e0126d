package io.memtile.physics.mif.lanes;

/**
 * exp(x) in float32 as a fixed sequence of IEEE float operations (the float twin of {@link ExpPoly}):
 * Cody-Waite reduction with FMA, degree-7 Taylor polynomial in Horner form (remainder below
 * 5.2e-9 relative at |r| &lt;= ln2/2, a tenth of a float ulp), 2^n built in the exponent bits. The
 * scalar float kernel and the SIMD one ({@code VectorExpLaneKernelF}) run exactly these operations.
 *
 * <p>Accuracy (measured over 2^22 points of [-87, 88] against the correctly rounded float of
 * Math.exp, {@code ExpPolyFTest}): at most 2 ulp. The argument is clamped to [-87, 88] (normal
 * results: exp(-87) = 1.6e-38, exp(88) = 1.65e38). NaN propagates.
 */
public final class ExpPolyF {
    private ExpPolyF() {}

    static final float LO = -87f;
    static final float HI = 88f;
    static final float LOG2E = 1.44269504f;
    /** 1.5 * 2^23: adding and subtracting it rounds to the nearest integer (|t| &lt; 2^22). */
    static final float SHIFTER = 12582912f;
    static final float LN2_HI = (float) Math.log(2);
    static final float LN2_LO = (float) (Math.log(2) - (double) LN2_HI);
    /** 1/k! for k = 7 down to 2 (Horner order). */
    static final float[] C = {1f / 5040, 1f / 720, 1f / 120, 1f / 24, 1f / 6, 0.5f};

    /** Largest |y| for which the series helpers ({@link #oneMinusExpNeg}, g'(r)) are within float rounding. */
    public static final float SMALL = 0.03f;

    public static float exp(float x) {
        x = Math.min(Math.max(x, LO), HI);
        float shifted = x * LOG2E + SHIFTER;
        float n = shifted - SHIFTER;
        float r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        float p = C[0];
        for (int k = 1; k < C.length; k++) p = Math.fma(p, r, C[k]);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        int bits = (Float.floatToRawIntBits(shifted) + 127) << 23;
        return p * Float.intBitsToFloat(bits);
    }

    /**
     * 1 - exp(-y) for 0 &lt;= y &lt;= {@link #SMALL} without cancellation: y (1 + u (1/2 + u (1/6 + u
     * (1/24 + u/120)))) with u = -y (remainder y^6/720 &lt; 1e-12). In float, 1 - exp(-y) itself would
     * lose up to eps/y relative (6e-6 at y = 0.01), which the double kernel does not have to care about.
     */
    public static float oneMinusExpNeg(float y) {
        float u = -y;
        float p = Math.fma(u, 1f / 120, 1f / 24);
        p = Math.fma(p, u, 1f / 6);
        p = Math.fma(p, u, 0.5f);
        p = Math.fma(p, u, 1f);
        return p * y;
    }
}
