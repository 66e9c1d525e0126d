package io.memtile.compiler;

/**
 * Quantisation figures of one layer.
 *
 * @param layer    weight layer
 * @param inputs   fan-in
 * @param outputs  fan-out
 * @param switches N (N+1 levels)
 * @param rmsError RMS (quantised - trained) normalised weight
 * @param maxError largest |quantised - trained|
 */
public record LayerQuantReport(int layer, int inputs, int outputs, int switches, double rmsError, double maxError) {}
