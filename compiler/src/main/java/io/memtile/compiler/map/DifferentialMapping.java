package io.memtile.compiler.map;

import java.util.List;

/** Output of {@link DifferentialMapPass}. */
public record DifferentialMapping(List<DifferentialLayer> layers) {}
