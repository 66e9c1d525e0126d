package io.memtile.compiler.check;

import io.memtile.compiler.emit.ProgramIO;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.MemtileException;
import io.memtile.trainer.model.ModelArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reading a program for use (verify, simulate, report): strict JSON read, content hash check, then
 * every aspect of {@link ProgramChecker}; the first violation (and how many more) becomes one
 * MemtileException naming file and field.
 */
public final class ProgramFiles {
    private ProgramFiles() {}

    /** @param program the checked program; file its program.json; sha256 its verified content hash */
    public record Checked(TileProgram program, Path file, String sha256) {}

    public static Checked load(Path prog, ModelArtifact model) {
        if (!Files.exists(prog)) throw new MemtileException(prog.toString(), null, "program directory not found");
        Path f = Files.isDirectory(prog) ? prog.resolve(ProgramIO.PROGRAM) : prog;
        TileProgram p = ProgramIO.read(prog);
        String recorded = p.provenance().contentSha256();
        if (recorded == null) {
            throw new MemtileException(f.toString(), "provenance.contentSha256", "is missing: the program has no content hash "
                    + "(compiled by an older memtile?); recompile it with `memtile compile`");
        }
        String actual = ProgramHash.compute(p);
        if (!actual.equals(recorded)) {
            throw new MemtileException(f.toString(), "provenance.contentSha256", "is " + recorded + " but the content hashes to " + actual
                    + ": program.json was changed or corrupted after compilation; recompile it");
        }
        fail(f, ProgramChecker.check(p, model));
        return new Checked(p, f, actual);
    }

    /** Throws the first violation (field named) and a count of the rest; returns when there are none. */
    public static void fail(Path f, List<String> v) {
        if (v.isEmpty()) return;
        String first = v.get(0);
        int colon = first.indexOf(": ");
        String field = colon > 0 ? first.substring(0, colon) : null;
        String rest = colon > 0 ? first.substring(colon + 2) : first;
        String more = v.size() > 1 ? " (and " + (v.size() - 1) + " more: " + String.join("; ", v.subList(1, Math.min(v.size(), 6))) + ")" : "";
        throw new MemtileException(f.toString(), field, rest + more);
    }
}
