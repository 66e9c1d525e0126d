package io.memtile.compiler.check;

import io.memtile.compiler.program.TileProgram;
import io.memtile.trainer.model.ModelArtifact;
import java.util.ArrayList;
import java.util.List;

/**
 * The one legality checker of a compiled program, run by {@code memtile verify}, by {@code memtile
 * simulate} before it starts and by {@code memtile report} on a simulation's program. It runs the
 * {@link #ASPECTS} in order; each violation is one line naming the dotted field. An aspect whose
 * violations would make later ones index out of bounds (structure, stuck lists) stops the run.
 * The content hash is checked separately, on reading ({@link ProgramFiles}), so that programs
 * built or edited in memory (tests, sweeps) can still be checked for legality.
 */
public final class ProgramChecker {
    static final int MAX_REPORTED = 50;

    /** In order. A new program field comes with its own aspect, added here. */
    public static final List<ProgramAspect> ASPECTS = List.of(
            new StructureCheck(), new StuckCheck(), new MappingCheck(), new PlacementCheck(), new UnusedCellCheck(), new BitlineCheck(),
            new LevelUseCheck());

    private ProgramChecker() {}

    public static List<String> check(TileProgram p, ModelArtifact model) {
        List<String> v = new ArrayList<>();
        for (ProgramAspect a : ASPECTS) {
            int before = v.size();
            a.check(p, model, v);
            if (v.size() > before && a.laterAspectsNeedMeClean()) break;
            if (v.size() > MAX_REPORTED) break;
        }
        return v;
    }
}
