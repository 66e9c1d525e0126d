package io.memtile.compiler.place;

import java.util.List;

/**
 * The pieces assigned to one tile, in placement order. Pieces sit on the tile's diagonal: each
 * takes the next free rows and the next free column pairs, which makes all pieces of a tile
 * disjoint in rows and columns by construction (a row drives one input, a column sums one output).
 */
public record TilePlan(int id, List<Piece> pieces) {
    public int rowsUsed() { return pieces.stream().mapToInt(Piece::inCount).sum(); }

    public int colsUsed() { return pieces.stream().mapToInt(p -> 2 * p.outCount()).sum(); }
}
