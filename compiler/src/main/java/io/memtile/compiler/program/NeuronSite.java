package io.memtile.compiler.program;

/**
 * Where one MIF neuron's membrane node is: the bit-line pair on {@code homeTile} whose parasitic
 * capacitance is C_mem. Partial column sums of the same neuron on other tiles ({@code partialTiles})
 * are routed into this node.
 *
 * @param layer        neuron layer (1 = first hidden)
 * @param index        neuron index within its layer
 * @param homeTile     tile holding the neuron's M1/M2 devices and membrane node
 * @param partialTiles every tile contributing column current to this neuron
 */
public record NeuronSite(int layer, int index, int homeTile, int[] partialTiles) {}
