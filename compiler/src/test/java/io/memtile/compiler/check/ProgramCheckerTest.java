package io.memtile.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.NeuronSite;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.Target;
import io.memtile.trainer.model.ModelArtifact;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each injected violation must be found and named. */
class ProgramCheckerTest {
    Target t = TestTargets.withTile(TestTargets.paper(), 16, 16, 0);
    ModelArtifact m;
    TileProgram p;

    @BeforeEach
    void compile() {
        m = RandomModels.create(t, new int[] {20, 12, 3}, 1.0, 9);
        p = Compiler.compile(m, t, new CompileOptions(1, "pack", 16, true, true, false, false, 1, 0, "off", false)).program();
        assertEquals(List.of(), ProgramChecker.check(p, m));
    }

    static String all(List<String> v) { return String.join("\n", v); }

    @Test
    void detectsRowConflict() {
        TileImage ti = p.tiles().get(0);
        Block b = ti.blocks().get(0);
        b.rows()[1] = b.rows()[0];
        String v = all(ProgramChecker.check(p, m));
        assertTrue(v.contains("tiles[0].blocks[0].rows[1]: row " + b.rows()[0] + " is also used by block 0"), v);
    }

    @Test
    void detectsColumnConflictAndOutOfRange() {
        Block b = p.tiles().get(0).blocks().get(0);
        b.minusCols()[0] = b.plusCols()[0];
        assertTrue(all(ProgramChecker.check(p, m)).contains("is also used by block"));
        b.minusCols()[0] = 99;
        assertTrue(all(ProgramChecker.check(p, m)).contains("column 99 outside 0..15"));
    }

    @Test
    void detectsMissingAndDuplicateWeights() {
        List<TileImage> tiles = new ArrayList<>(p.tiles());
        TileImage last = tiles.remove(tiles.size() - 1);
        TileProgram q = new TileProgram(p.schemaVersion(), p.provenance(), p.network(), p.target(), p.layers(), tiles, p.neurons(), p.stats());
        String v = all(ProgramChecker.check(q, m));
        assertTrue(v.contains("weights are not placed"), v);
        assertTrue(v.contains("stats.tilesUsed"), v);
        Block b = last.blocks().get(0);
        tiles.add(last);
        tiles.add(new TileImage(tiles.size(), last.rows(), last.cols(), List.of(b), last.targetLevel(), last.conductance(), last.stuck()));
        q = new TileProgram(p.schemaVersion(), p.provenance(), p.network(), p.target(), p.layers(), tiles, p.neurons(), p.stats());
        assertTrue(all(ProgramChecker.check(q, m)).contains("is placed more than once"));
    }

    @Test
    void detectsUnreachableLevelsWrongReconstructionAndOffTargetConductance() {
        TileImage ti = p.tiles().get(0);
        Block b = ti.blocks().get(0);
        int cell = b.rows()[0] * ti.cols() + b.plusCols()[0];
        int old = ti.targetLevel()[cell];
        ti.targetLevel()[cell] = 17;
        assertTrue(all(ProgramChecker.check(p, m)).contains("not reachable (0..16)"));
        ti.targetLevel()[cell] = old;
        m.weights()[b.layer()][b.outStart()][b.inStart()] = -m.weights()[b.layer()][b.outStart()][b.inStart()] + (old == 0 ? 0.9 : 0);
        assertTrue(all(ProgramChecker.check(p, m)).contains("but the model quantises to"));
        assertEquals(List.of(), ProgramChecker.check(p, null).stream().filter(s -> s.contains("quantises")).toList());
        ti.conductance()[cell] += 3 * (p.target().synapse().gOn() - p.target().synapse().gOff()) / 16;
        assertTrue(all(ProgramChecker.check(p, null)).contains("off their target level"));
    }

    @Test
    void detectsInconsistentNeuronRouting() {
        List<NeuronSite> ns = new ArrayList<>(p.neurons());
        NeuronSite s = ns.get(0);
        ns.set(0, new NeuronSite(s.layer(), s.index(), 99, new int[] {99}));
        TileProgram q = new TileProgram(p.schemaVersion(), p.provenance(), p.network(), p.target(), p.layers(), p.tiles(), ns, p.stats());
        String v = all(ProgramChecker.check(q, m));
        assertTrue(v.contains("neurons[0].partialTiles"), v);
        assertTrue(v.contains("neurons[0].homeTile"), v);
        ns.remove(0);
        q = new TileProgram(p.schemaVersion(), p.provenance(), p.network(), p.target(), p.layers(), p.tiles(), ns, p.stats());
        assertTrue(all(ProgramChecker.check(q, m)).contains("neuron 1/0 has no site"));
    }

    @Test
    void detectsUsedLevelOutsideBlocks() {
        TileImage ti = p.tiles().get(p.tiles().size() - 1);
        int free = -1;
        boolean[] inBlock = new boolean[ti.rows() * ti.cols()];
        for (Block b : ti.blocks()) for (int r : b.rows()) for (int k = 0; k < b.outCount(); k++) {
            inBlock[r * ti.cols() + b.plusCols()[k]] = inBlock[r * ti.cols() + b.minusCols()[k]] = true;
        }
        for (int c = 0; c < inBlock.length && free < 0; c++) if (!inBlock[c]) free = c;
        assertTrue(free >= 0, "the last tile of this layout has free cells");
        ti.targetLevel()[free] = 3;
        assertTrue(all(ProgramChecker.check(p, m)).contains("the cell is in no block"));
    }
}
