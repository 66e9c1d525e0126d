package io.memtile.compiler.program;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Validatable;
import java.util.List;

/**
 * One programmed tile. Cell (r, c) is index r*cols + c.
 *
 * @param id          tile index
 * @param rows        word lines
 * @param cols        bit lines
 * @param blocks      placed blocks (disjoint rows and columns between blocks)
 * @param targetLevel target MSS level per cell (0..N), -1 for unused cells (left at reset = level 0)
 * @param conductance conductance per cell after write-verify programming (S), including
 *                    programming error, stuck cells and unused cells (at their reset state)
 * @param stuck       cell indices found stuck during programming (excluded by remapping)
 */
public record TileImage(int id, int rows, int cols, List<Block> blocks, int[] targetLevel, double[] conductance, int[] stuck)
        implements Validatable {
    @Override
    public void validate(Fields f) {
        f.check(targetLevel != null && targetLevel.length == rows * cols, "targetLevel", "must have rows*cols entries");
        f.check(conductance != null && conductance.length == rows * cols, "conductance", "must have rows*cols entries");
        for (int i = 0; i < conductance.length; i++) {
            if (!Double.isFinite(conductance[i]) || conductance[i] < 0) throw f.error("conductance[" + i + "]", "is " + conductance[i]);
        }
    }
}
