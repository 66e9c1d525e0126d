package io.memtile.compiler.quant;

import java.util.List;

/** Output of {@link QuantizePass}. */
public record QuantizedNetwork(int switches, boolean continuous, List<QuantizedLayer> layers) {}
