package io.memtile.compiler.view;

import java.util.Locale;

/**
 * One outlined rectangle of a placed block, in cell units: physical rows {@code row .. row+rowCount-1}
 * and columns {@code col .. col+colCount-1}, holding weight layer {@code layer}'s inputs and outputs
 * given as ranges ("0–127"). A block whose rows or columns are not contiguous (a column pair moved
 * around a stuck cell) is drawn as several boxes; {@code main} marks the largest.
 */
public record BlockBox(int layer, int row, int rowCount, int col, int colCount, String inputs, String outputs, boolean main) {
    /** The label drawn inside the box. */
    public String[] lines() {
        return new String[] {"L" + layer, "inputs " + inputs, "outputs " + outputs};
    }

    /** One line for tables and golden files. */
    public String describe() {
        return String.format(Locale.ROOT, "L%d in %s → out %s  ·  rows %s, cols %s", layer, inputs, outputs,
                TileMaps.range(row, row + rowCount - 1), TileMaps.range(col, col + colCount - 1));
    }
}
