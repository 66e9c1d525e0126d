package io.memtile.compiler.check;

import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.trainer.model.ModelArtifact;
import java.util.BitSet;
import java.util.List;

/** Stuck-cell lists: every index a cell of its tile (0..rows*cols-1), none twice. A negative index used to crash verify. */
public final class StuckCheck implements ProgramAspect {
    @Override
    public String name() { return "stuck cells"; }

    @Override
    public boolean laterAspectsNeedMeClean() { return true; }

    @Override
    public void check(TileProgram p, ModelArtifact model, List<String> v) {
        for (int ti = 0; ti < p.tiles().size(); ti++) {
            TileImage t = p.tiles().get(ti);
            if (t.stuck() == null) { v.add("tiles[" + ti + "].stuck: is missing"); continue; }
            int cells = t.rows() * t.cols();
            BitSet seen = new BitSet(cells);
            for (int k = 0; k < t.stuck().length; k++) {
                int c = t.stuck()[k];
                String f = "tiles[" + ti + "].stuck[" + k + "]";
                if (c < 0 || c >= cells) v.add(f + ": cell " + c + " outside 0.." + (cells - 1));
                else if (seen.get(c)) v.add(f + ": cell " + c + " is listed twice");
                else seen.set(c);
            }
        }
    }
}
