package io.memtile.compiler.check;

import io.memtile.compiler.emit.ProgramIO;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.trainer.model.ModelArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code memtile verify}: reads a program, runs {@link ProgramChecker}, fails with the violations. */
public final class ProgramCheck {
    private ProgramCheck() {}

    /** @return a one-line OK summary; throws MemtileException listing the violations otherwise */
    public static String run(Path prog, Path model) {
        TileProgram p = ProgramIO.read(prog);
        ModelArtifact m = model == null ? null : Json.read(model, ModelArtifact.class);
        List<String> v = ProgramChecker.check(p, m);
        Path f = Files.isDirectory(prog) ? prog.resolve(ProgramIO.PROGRAM) : prog;
        if (!v.isEmpty()) {
            String first = v.get(0);
            int colon = first.indexOf(": ");
            String field = colon > 0 ? first.substring(0, colon) : null;
            String rest = colon > 0 ? first.substring(colon + 2) : first;
            String more = v.size() > 1 ? " (and " + (v.size() - 1) + " more: " + String.join("; ", v.subList(1, Math.min(v.size(), 6))) + ")" : "";
            throw new MemtileException(f.toString(), field, rest + more);
        }
        var s = p.stats();
        return String.format(java.util.Locale.ROOT, "OK: %s is legal: %d tiles, %d devices, every weight placed once, no row/column conflicts, "
                + "levels in 0..%d, programmed states within tolerance except %d recorded misses, %d neurons routed%s",
                f, s.tilesUsed(), s.cellsUsed(), p.provenance().switches(), Math.round(s.missFraction() * s.cellsUsed()), p.neurons().size(),
                m == null ? "" : ", pairs reconstruct the model's quantised weights");
    }
}
