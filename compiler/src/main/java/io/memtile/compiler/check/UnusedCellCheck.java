package io.memtile.compiler.check;

import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.MssParams;
import io.memtile.physics.mss.StochasticMss;
import io.memtile.trainer.model.ModelArtifact;
import java.util.BitSet;
import java.util.List;

/**
 * Cells outside every block are left at reset: target level -1 and conductance G(level 0) = gOff,
 * or gOn for a stuck-ON fault (unused cells are never programmed, so their faults are not discovered
 * and not listed in stuck). A programmed cell outside every block still conducts on a driven row and
 * would add current to a neighbour's column pair.
 */
public final class UnusedCellCheck implements ProgramAspect {
    @Override
    public String name() { return "unused cells"; }

    @Override
    public void check(TileProgram p, ModelArtifact model, List<String> v) {
        MssParams dev = p.target().synapse();
        double gOff = StochasticMss.conductance(dev, 0), gOn = StochasticMss.conductance(dev, dev.switches());
        for (int ti = 0; ti < p.tiles().size(); ti++) {
            TileImage t = p.tiles().get(ti);
            int cols = t.cols();
            BitSet used = new BitSet(t.rows() * cols);
            for (Block b : t.blocks()) {
                for (int r : b.rows()) {
                    for (int k = 0; k < b.outCount(); k++) {
                        used.set(r * cols + b.plusCols()[k]);
                        used.set(r * cols + b.minusCols()[k]);
                    }
                }
            }
            int reported = 0;
            for (int c = used.nextClearBit(0); c < t.rows() * cols && reported < 5; c = used.nextClearBit(c + 1)) {
                String f = "tiles[" + ti + "]";
                if (t.targetLevel()[c] != -1) {
                    v.add(f + ".targetLevel[" + c + "]: is " + t.targetLevel()[c] + " but the cell is in no block (unused cells must be -1)");
                    reported++;
                }
                double g = t.conductance()[c];
                boolean ok = close(g, gOff) || close(g, gOn);
                if (!ok) {
                    v.add(f + ".conductance[" + c + "]: is " + g + " S but the cell is in no block (unused cells stay at reset, " + gOff + " S, or "
                            + gOn + " S when stuck ON)");
                    reported++;
                }
            }
        }
    }

    private static boolean close(double a, double b) { return Math.abs(a - b) <= 1e-9 * Math.abs(b); }
}
