package io.memtile.compiler.place;

/** A rectangle of one layer's logical matrix: inputs [inStart, inStart+inCount) x outputs [outStart, outStart+outCount). */
public record Piece(int layer, int inStart, int inCount, int outStart, int outCount) {
    /** Cells this piece occupies (two per weight). */
    public long cells() { return 2L * inCount * outCount; }
}
