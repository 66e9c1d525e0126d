package io.memtile.compiler;

import io.memtile.compiler.lower.LayerGraph;
import io.memtile.compiler.map.DifferentialMapping;
import io.memtile.compiler.place.Placement;
import io.memtile.compiler.program.ProgrammingResult;
import io.memtile.compiler.program.TileProgram;
import io.memtile.compiler.quant.QuantizedNetwork;

/**
 * Everything a compilation produced. When it was stopped after a pass ({@link Compiler#compile}
 * with {@code stopAfter}), the later outputs are null and {@link #stoppedAfter} names the pass.
 */
public record CompileResult(TileProgram program, CompileReport report, LayerGraph lowered, DifferentialMapping mapping,
                            QuantizedNetwork quantized, Placement placement, ProgrammingResult programming, String stoppedAfter) {}
