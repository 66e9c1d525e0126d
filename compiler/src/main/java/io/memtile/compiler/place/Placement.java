package io.memtile.compiler.place;

import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.NeuronSite;
import java.util.List;

/** Output of {@link PlacementPass}: blocks per tile (before fault repair) and neuron sites. */
public record Placement(int rows, int cols, int usableCols, List<List<Block>> tiles, List<NeuronSite> neurons,
                        PlacementStats stats) {}
