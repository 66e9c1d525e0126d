package io.memtile.compiler.check;

import io.memtile.compiler.program.TileProgram;
import io.memtile.trainer.model.ModelArtifact;
import java.util.List;

/**
 * One aspect of a program's legality (structure, layer mapping, stuck cells, placement, unused
 * cells, ...). {@link ProgramChecker} runs them in order; each adds one line per violation,
 * starting with the dotted field it concerns ({@code "layers[0].currentGain: ..."}). A new program
 * field arrives with its own aspect class, added to {@link ProgramChecker#ASPECTS}.
 */
public interface ProgramAspect {
    /** Short name, for documentation and test messages. */
    String name();

    /**
     * @param model the trained model when the caller has it (verify --model), else null
     * @param out   violations found so far; append to it
     */
    void check(TileProgram p, ModelArtifact model, List<String> out);

    /** Whether later aspects may run after this one found violations (false when they would index out of bounds). */
    default boolean laterAspectsNeedMeClean() { return false; }
}
