package io.memtile.compiler.lower;

/**
 * One weight layer as a crossbar vector-matrix product: {@code inputs} rows (shared inputs) times
 * {@code outputs} logical columns (each later a G+/G- column pair).
 *
 * @param layer       weight-layer index
 * @param inputs      fan-in (rows)
 * @param outputs     neurons fed (logical columns)
 * @param drive       "ALPHA" (rows driven by the alpha generators, layer 0) or "MEMBRANE" (upstream MIF voltages)
 * @param currentGain 1 / layerScale: attenuation of the column-current difference into the neuron
 * @param weights     weights[out][in] in [-1, 1] (shared with the model, not copied)
 */
public record CrossbarOp(int layer, int inputs, int outputs, String drive, double currentGain, double[][] weights) {}
