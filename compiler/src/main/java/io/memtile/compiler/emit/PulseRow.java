package io.memtile.compiler.emit;

/** One CSV row of the per-tile programming sequence (rendered by templates/compiler/tile-program.csv.vm). */
public record PulseRow(int tile, int row, int col, int pulse, String kind, double volts, double widthNs, double expectedLevel) {}
