package io.memtile.physics.mif.lanes;

/**
 * {@link LaneKernel} in float32: one MIF integration step over a flat population of n independent
 * neurons, state, current and tape in {@code float[]} (16 lanes per AVX-512 vector instead of 8).
 * The tape has {@link #tapeStride()} floats per element; {@link #backwardTaped} is the exact
 * vector-Jacobian product of exactly the float forward map.
 */
public interface FloatLaneKernel {
    /** Advances elements [0, n). Outputs may alias inputs. */
    void forward(int n, float[] v, float[] x1, float[] x2, float[] cur, float[] vo, float[] x1o, float[] x2o);

    /** {@link #forward} that also records the tape (same state results, bit for bit). */
    void forwardTaped(int n, float[] v, float[] x1, float[] x2, float[] cur, float[] vo, float[] x1o, float[] x2o,
                      float[] tape, int off);

    /** As {@link LaneKernel#backwardTaped}. */
    void backwardTaped(int n, float[] tape, int off, float[] gV, float[] gX1, float[] gX2, float[] gI);

    /** Floats per element on the tape. */
    int tapeStride();

    /** Short description for benchmark output, e.g. "exponential float32, SIMD 16 x float". */
    String describe();
}
