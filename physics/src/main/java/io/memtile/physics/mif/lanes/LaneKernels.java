package io.memtile.physics.mif.lanes;

import io.memtile.physics.mif.Integrator;
import io.memtile.physics.mif.MifKernel;

/**
 * Chooses the lane kernel at run time.
 *
 * <p>SIMD is used when the {@code jdk.incubator.vector} module is in the boot layer (the launcher,
 * the compiler and surefire add it), the preferred double species holds at least
 * {@link #MIN_SIMD_LANES} lanes, and the system property {@code memtile.simd} is not {@code off}.
 * Otherwise the scalar lane kernel runs: the same operations with Math.exp instead of the vector
 * EXP, so results agree to rounding (LaneKernelTest), only slower. The explicit
 * and semi-implicit integrators always use the scalar reference {@link MifKernel}.
 */
public final class LaneKernels {
    /** Below this (e.g. SSE-only: 2 doubles) the vector loop is not worth its overhead. */
    public static final int MIN_SIMD_LANES = 4;
    /** System property that turns SIMD off ("off"/"false") for A/B runs and for testing the fallback. */
    public static final String PROPERTY = "memtile.simd";

    private LaneKernels() {}

    /** Whether the SIMD kernel can run in this JVM (module present, wide enough vectors). */
    public static boolean simdAvailable() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        try {
            return Holder.lanes() >= MIN_SIMD_LANES;
        } catch (LinkageError e) {
            return false;
        }
    }

    /** Whether SIMD is available and not disabled by {@link #PROPERTY}. */
    public static boolean simdEnabled() {
        String p = System.getProperty(PROPERTY, "on").trim().toLowerCase(java.util.Locale.ROOT);
        return !(p.equals("off") || p.equals("false") || p.equals("0")) && simdAvailable();
    }

    /** The fastest kernel for {@code k}'s integrator in this JVM. */
    public static LaneKernel of(MifKernel k) { return of(k, simdEnabled()); }

    /** The kernel for {@code k}'s integrator, SIMD if {@code simd} (and available), else scalar. */
    public static LaneKernel of(MifKernel k, boolean simd) {
        if (k.integrator() != Integrator.EXPONENTIAL) return new MifLaneKernel(k);
        if (simd && simdAvailable()) return Holder.vector(k);
        return new ExpLaneKernel(k.params(), k.dt());
    }

    /**
     * The float32 kernel for {@code k}'s integrator, SIMD if {@code simd} (and available), else the
     * scalar float kernel; null when float32 does not support it (only the exponential integrator
     * has a float kernel, and {@link ExpLaneKernelF#unsupported} rejects parameters outside the float
     * range): the caller then falls back to float64.
     */
    public static FloatLaneKernel ofFloat(MifKernel k, boolean simd) {
        if (k.integrator() != Integrator.EXPONENTIAL || ExpLaneKernelF.unsupported(k.params(), k.dt()) != null) return null;
        if (simd && simdAvailable() && Holder.floatLanes() >= 2 * MIN_SIMD_LANES) return Holder.vectorFloat(k);
        return new ExpLaneKernelF(k.params(), k.dt());
    }

    /** Why float32 cannot run {@code k} (null if it can). */
    public static String floatUnsupported(MifKernel k) {
        if (k.integrator() != Integrator.EXPONENTIAL) return "the float32 engine has only the exponential integrator, not " + k.integrator();
        return ExpLaneKernelF.unsupported(k.params(), k.dt());
    }

    /** Keeps every reference to the incubator classes out of LaneKernels' own linkage. */
    private static final class Holder {
        static int lanes() { return VectorExpLaneKernel.preferred().length(); }

        static LaneKernel vector(MifKernel k) { return new VectorExpLaneKernel(k.params(), k.dt()); }

        static int floatLanes() { return VectorExpLaneKernelF.preferred().length(); }

        static FloatLaneKernel vectorFloat(MifKernel k) { return new VectorExpLaneKernelF(k.params(), k.dt()); }
    }
}
