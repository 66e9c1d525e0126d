package io.memtile.compiler.program;

/**
 * A rectangular piece of one layer's weight matrix placed on a tile. Logical input
 * {@code inStart + i} drives physical row {@code rows[i]}; logical output {@code outStart + o}
 * uses physical columns {@code plusCols[o]} (G+) and {@code minusCols[o]} (G-). Explicit row and
 * column lists (rather than an origin) let the compiler route around faulty columns and let the
 * checker verify disjointness directly.
 */
public record Block(int layer, int inStart, int inCount, int outStart, int outCount, int[] rows, int[] plusCols,
                    int[] minusCols) {}
