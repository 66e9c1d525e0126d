package io.memtile.compiler.program;

/**
 * The bit-line reference of one membrane-driven weight layer (pass "bitline", {@code bitline.BitlineRefPass}).
 *
 * <p>The sense amplifiers hold the layer's bit lines at {@code vRef} instead of 0 V, so cell (i, j) sees
 * V_i - V_ref and the pair current of neuron j is sum_i w_ij (V_i - V_ref) = sum_i w_ij V_i - V_ref sum_i w_ij.
 * The second term is a per-neuron constant that a fixed current DAC per neuron puts back:
 * {@code compensation[j]} = currentGain * columnGain(j) * V_ref * sum_i (G+_ij - G-_ij), with the cells at the
 * nominal conductance of their target level (what the compiler designed). On the chip the residual error is
 * sum_i dw_ij (V_i - V_ref) instead of sum_i dw_ij V_i, and the array heat per row (V_i - V_ref)^2 S_row dt.
 *
 * @param vRef         bit-line voltage (V), non-zero
 * @param compensation per-neuron compensation current (A) into the membrane node; it is added after the
 *                     current gain, the column gain and any calibration trim (a separate DAC, not trimmed)
 */
public record BitlineRef(double vRef, double[] compensation) {}
