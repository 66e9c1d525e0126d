package io.memtile.compiler.irplace;

import io.memtile.compiler.place.Placement;
import io.memtile.compiler.program.Block;
import io.memtile.compiler.quant.QuantizedLayer;
import io.memtile.compiler.quant.QuantizedNetwork;
import io.memtile.core.target.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pass "irplace": IR-drop-aware row placement within each tile.
 *
 * <p>A crossbar with fixed conductances is linear, so what IR drop does to a tile depends only on where its
 * conductances sit (the transfer matrix), not on the inputs. Word lines are driven at column 0 and bit lines
 * are sensed below the last row ({@link io.memtile.physics.crossbar.IrDropSolver}): a cell far from the driver
 * sees the voltage lost along its word line, and a cell far from the sense amplifier the voltage built up along
 * its bit line, and both grow with the current the wire carries past it. The pass permutes the physical rows
 * of each tile (one bijection of the tile's rows, applied to every block, so rows shared by two blocks stay
 * shared): the row with the largest total nominal conductance goes to the last row, next to the sense
 * amplifiers, the lightest to row 0.
 *
 * <p>Column pairs are not permuted. Ordering them per tile (heaviest pair next to the drivers) was measured
 * and makes the residual worse (784-100-10 MNIST: transfer error RMS 0.0115 -> 0.0143 after compensation,
 * docs/notes/issue-8-compile.md): an output spread over several tiles then sits at different columns on each,
 * its attenuation differs from tile to tile, and one per-output gain can no longer absorb it. A row, in
 * contrast, carries one input on one tile only.
 *
 * <p>Nominal conductance = the quantised target level's (before IR compensation, which runs next on the
 * permuted placement). Ties keep the original order, so the pass is deterministic. The permutation is
 * recorded in the program by the blocks' {@code rows} (logical input inStart+i drives physical row rows[i]),
 * which the simulator and the checker already read; the checker verifies it like any placement (every
 * weight once, rows shared only by the same input, no shared column).
 */
public final class IrPlacementPass {
    public static final String NAME = "irplace";

    private IrPlacementPass() {}

    /** @param moved per tile: rows that the pass moved */
    public record Result(Placement placement, List<TileMoves> moved) {}

    /** What the pass moved on one tile: physical rows whose position changed. */
    public record TileMoves(int tile, int rowsMoved) {}

    public static Result run(Placement pl, QuantizedNetwork q, Target t) {
        int rows = pl.rows(), cols = pl.cols();
        double gOff = t.synapse().gOff(), step = (t.synapse().gOn() - gOff) / q.switches();
        List<List<Block>> tiles = new ArrayList<>();
        List<TileMoves> moved = new ArrayList<>();
        for (int ti = 0; ti < pl.tiles().size(); ti++) {
            List<Block> blocks = pl.tiles().get(ti);
            double[] g = nominal(blocks, q, rows, cols, gOff, step);
            // rows: lightest first, so the heaviest lands on the last row (next to the sense amplifiers)
            double[] rowLoad = new double[rows];
            for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) rowLoad[r] += g[r * cols + c];
            Integer[] byLoad = new Integer[rows];
            for (int r = 0; r < rows; r++) byLoad[r] = r;
            Arrays.sort(byLoad, Comparator.comparingDouble((Integer r) -> rowLoad[r]));
            int[] newRow = new int[rows];
            int rowsMoved = 0;
            for (int i = 0; i < rows; i++) {
                newRow[byLoad[i]] = i;
                if (byLoad[i] != i) rowsMoved++;
            }
            List<Block> out = new ArrayList<>();
            for (Block b : blocks) {
                int[] rs = new int[b.inCount()];
                for (int i = 0; i < rs.length; i++) rs[i] = newRow[b.rows()[i]];
                out.add(new Block(b.layer(), b.inStart(), b.inCount(), b.outStart(), b.outCount(), rs, b.plusCols(), b.minusCols()));
            }
            tiles.add(List.copyOf(out));
            moved.add(new TileMoves(ti, rowsMoved));
        }
        Placement np = new Placement(rows, cols, pl.usableCols(), List.copyOf(tiles), pl.neurons(), pl.stats());
        return new Result(np, List.copyOf(moved));
    }

    /** Nominal conductance of every cell of a tile: the pair's quantised levels, gOff where no weight sits. */
    static double[] nominal(List<Block> blocks, QuantizedNetwork q, int rows, int cols, double gOff, double step) {
        double[] g = new double[rows * cols];
        Arrays.fill(g, gOff);
        for (Block b : blocks) {
            QuantizedLayer ql = q.layers().get(b.layer());
            int in = ql.map().inputs();
            for (int k = 0; k < b.outCount(); k++) {
                for (int i = 0; i < b.inCount(); i++) {
                    int w = (b.outStart() + k) * in + b.inStart() + i, r = b.rows()[i];
                    g[r * cols + b.plusCols()[k]] = gOff + step * ql.plus()[w];
                    g[r * cols + b.minusCols()[k]] = gOff + step * ql.minus()[w];
                }
            }
        }
        return g;
    }
}
