package io.memtile.sim;

import io.memtile.compiler.check.ProgramFiles;
import io.memtile.compiler.program.TileProgram;
import java.nio.file.Path;

/**
 * Loading a program directory for simulation: strict read, content hash, the full program checker
 * (the same as {@code memtile verify}), so simulate never runs a program verify rejects.
 */
public final class SimFiles {
    private SimFiles() {}

    /** @param sha256 the program's verified content hash (provenance.contentSha256) */
    public record Loaded(TileProgram program, Path file, String sha256) {}

    public static Loaded load(Path progDir) {
        ProgramFiles.Checked c = ProgramFiles.load(progDir, null);
        return new Loaded(c.program(), c.file(), c.sha256());
    }
}
