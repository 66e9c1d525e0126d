package io.memtile.physics.mif.lanes;

/**
 * One MIF integration step over a flat population of n independent neurons (for the trainer: a
 * layer's neurons times the samples of a lane group, laid out [neuron][lane]). The step is
 * element-wise, so the layout is the caller's business; vector implementations run over it in
 * SIMD-width chunks.
 *
 * <p>{@link #forwardTaped} records {@link #tapeStride()} doubles per element at
 * tape[off .. off + tapeStride * n) (layout private to the implementation) so that
 * {@link #backwardTaped} applies the exact vector-Jacobian product of the step without any exp.
 */
public interface LaneKernel {
    /** Advances elements [0, n). Outputs may alias inputs. */
    void forward(int n, double[] v, double[] x1, double[] x2, double[] cur, double[] vo, double[] x1o, double[] x2o);

    /** {@link #forward} that also records the tape (same state results, bit for bit). */
    void forwardTaped(int n, double[] v, double[] x1, double[] x2, double[] cur, double[] vo, double[] x1o, double[] x2o,
                      double[] tape, int off);

    /**
     * Given the adjoints of the post-step state in gV, gX1, gX2, overwrites them with the adjoints of
     * the pre-step state and writes the adjoint of the input current into gI.
     */
    void backwardTaped(int n, double[] tape, int off, double[] gV, double[] gX1, double[] gX2, double[] gI);

    /** Doubles per element on the tape. */
    int tapeStride();

    /** Short description for benchmark output, e.g. "exponential, SIMD 8 x double". */
    String describe();
}
