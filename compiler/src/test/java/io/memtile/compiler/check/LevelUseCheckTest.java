package io.memtile.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.CompileResult;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.levels.LevelUsePass;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.LevelUse;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.json.Json;
import io.memtile.core.target.Target;
import io.memtile.trainer.model.ModelArtifact;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class LevelUseCheckTest {
    final Target t = TestTargets.withTile(TestTargets.paper(), 32, 32, 0);

    /** A model with heavy-tailed weights (Pareto magnitudes): the range pass's scale leaves the 99th percentile low. */
    static ModelArtifact heavyTailed(Target t, long seed) {
        ModelArtifact m = RandomModels.create(t, new int[] {120, 40, 10}, 0.1, seed);
        SplittableRandom r = new SplittableRandom(seed);
        for (double[][] w : m.weights()) for (double[] row : w) for (int i = 0; i < row.length; i++) {
            row[i] = (r.nextBoolean() ? 1 : -1) * 0.01 * (Math.pow(1 - r.nextDouble(), -1 / 2.5) - 1);
        }
        return m;
    }

    CompileResult compile(ModelArtifact m, double levelUse) {
        return Compiler.compile(m, t, new CompileOptions(3, "pack", 64, true, false, false, false, 1, 0, "layer", false).withLevelUse(levelUse));
    }

    @Test
    void compiledFloorReachesTheTargetIsRecordedAndVerifies() {
        ModelArtifact m = heavyTailed(t, 5);
        CompileResult off = compile(m, 0), on = compile(m, 0.5);
        assertNull(off.report().levels());
        assertFalse(Json.toJson(off.program()).contains("levelUse"), "a program compiled without the pass keeps its bytes");
        for (int l = 0; l < 2; l++) {
            assertTrue(off.report().ranges().get(l).p99Level() < 32, "the test model needs the floor: " + off.report().ranges().get(l));
            LevelUse u = on.program().layers().get(l).levelUse();
            assertNotNull(u);
            assertEquals(u, on.report().levels().get(l));
            assertEquals(32, u.p99Level());
            assertTrue(u.factor() > 1);
        }
        assertTrue(on.report().levels().stream().mapToInt(LevelUse::clipped).sum() > 0, "heavy tails clip a few weights");
        assertEquals(List.of(), ProgramChecker.check(on.program(), m));
        assertEquals(List.of(), ProgramChecker.check(off.program(), m));
        // the record survives program.json
        TileProgram back = Json.parse(Json.toJson(on.program()), "program.json", TileProgram.class);
        assertEquals(on.program().layers().get(0).levelUse(), back.layers().get(0).levelUse());
        // the same compile twice gives the same program
        assertEquals(Json.toJson(on.program()), Json.toJson(compile(m, 0.5).program()));
        // --dump-after levels stops with the raised scales
        CompileResult dump = Compiler.compile(m, t, new CompileOptions(3, "pack", 64, true, false, false, false, 1, 0, "layer", false).withLevelUse(0.5),
                "m", "", LevelUsePass.NAME);
        assertEquals(LevelUsePass.NAME, dump.stoppedAfter());
        assertEquals(on.program().layers().get(1).rangeScale(), dump.mapping().layers().get(1).rangeScale());
    }

    /** Each tampered record field is reported by name. */
    @Test
    void checkerCatchesARecordThatDoesNotFollowFromTheModel() {
        ModelArtifact m = heavyTailed(t, 6);
        TileProgram p = compile(m, 0.5).program();
        LevelUse u = p.layers().get(0).levelUse();
        assertTrue(u.clipped() > 0 || p.layers().get(1).levelUse().clipped() > 0);
        String[][] cases = {
                {"p99Level", "layers[0].levelUse.p99Level"}, {"clipped", "layers[0].levelUse.clipped"},
                {"clipRms", "layers[0].levelUse.clipRmsError"}, {"target", "layers[0].levelUse.p99Level"}};
        for (String[] c : cases) {
            UnaryOperator<LevelUse> edit = switch (c[0]) {
                case "p99Level" -> x -> new LevelUse(x.targetLevel(), x.factor(), x.p99Level() + 1, x.clipped(), x.clipRmsError(), x.clipMaxError());
                case "clipped" -> x -> new LevelUse(x.targetLevel(), x.factor(), x.p99Level(), x.clipped() + 1, x.clipRmsError(), x.clipMaxError());
                case "clipRms" -> x -> new LevelUse(x.targetLevel(), x.factor(), x.p99Level(), x.clipped(), x.clipRmsError() * 0.5 + 1e-6, x.clipMaxError());
                default -> x -> new LevelUse(x.targetLevel() + 3, x.factor(), x.p99Level(), x.clipped(), x.clipRmsError(), x.clipMaxError());
            };
            String v = String.join("\n", ProgramChecker.check(with(p, 0, edit.apply(u)), m));
            assertTrue(v.contains(c[1]), c[0] + ": " + v);
        }
        // without the record, the clipped weights are caught by the range check
        if (u.clipped() > 0) assertTrue(String.join("\n", ProgramChecker.check(with(p, 0, null), m)).contains("clips"));
        // without the model, the record's own consistency is still checked
        assertTrue(String.join("\n", ProgramChecker.check(with(p, 0, new LevelUse(32, 1.5, 31, 0, 0, 0)), null)).contains("layers[0].levelUse.p99Level"));
    }

    static TileProgram with(TileProgram p, int l, LevelUse u) {
        List<LayerMapping> ls = new ArrayList<>(p.layers());
        LayerMapping lm = ls.get(l);
        ls.set(l, new LayerMapping(lm.layer(), lm.inputs(), lm.outputs(), lm.gUnit(), lm.gOff(), lm.currentGain(), lm.drive(), lm.quantRmsError(),
                lm.rangeScale(), lm.columnScale(), lm.irGain(), lm.driveScale(), lm.bitline(), u));
        return new TileProgram(p.schemaVersion(), p.provenance(), p.network(), p.target(), ls, p.tiles(), p.neurons(), p.stats());
    }
}
