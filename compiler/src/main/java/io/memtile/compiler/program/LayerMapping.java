package io.memtile.compiler.program;

/**
 * How weight layer {@code layer} maps to devices.
 *
 * @param layer       weight-layer index (0 = input to first hidden)
 * @param inputs      rows of the logical matrix (fan-in)
 * @param outputs     logical outputs (neurons); each uses two physical columns (G+, G-)
 * @param gUnit       siemens per unit of normalised weight: w = (G+ - G-) / gUnit
 * @param gOff        OFF conductance of the synapse device (S), the pair's common mode
 * @param currentGain factor applied to the column-current difference before it enters the neuron
 *                    (1 / layerScale: the "circuit loading" attenuation)
 * @param drive       "ALPHA" (rows driven by alpha generators) or "MEMBRANE" (upstream MIF voltages)
 * @param quantRmsError RMS of (quantised - trained) normalised weight over the layer
 */
public record LayerMapping(int layer, int inputs, int outputs, double gUnit, double gOff, double currentGain, String drive,
                           double quantRmsError) {}
