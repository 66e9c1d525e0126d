package io.memtile.sim;

import io.memtile.compiler.emit.ProgramIO;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.MemtileException;
import io.memtile.core.json.Hashing;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loading a program directory for simulation: strict read, simulator-level checks, hash for provenance. */
public final class SimFiles {
    private SimFiles() {}

    public record Loaded(TileProgram program, Path file, String sha256) {}

    public static Loaded load(Path progDir) {
        if (!Files.exists(progDir)) throw new MemtileException(progDir.toString(), null, "program directory not found");
        Path file = Files.isDirectory(progDir) ? progDir.resolve(ProgramIO.PROGRAM) : progDir;
        TileProgram p = ProgramIO.read(progDir);
        ProgramChecks.check(p, file.toString());
        return new Loaded(p, file, Hashing.sha256(file));
    }
}
