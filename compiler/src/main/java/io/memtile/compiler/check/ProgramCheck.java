package io.memtile.compiler.check;

import io.memtile.compiler.program.TileProgram;
import io.memtile.core.json.Json;
import io.memtile.trainer.model.ModelArtifact;
import java.nio.file.Path;

/** {@code memtile verify}: reads a program (content hash checked), runs {@link ProgramChecker}, fails with the violations. */
public final class ProgramCheck {
    private ProgramCheck() {}

    /** @return a one-line OK summary; throws MemtileException naming the first violation otherwise */
    public static String run(Path prog, Path model) {
        ModelArtifact m = model == null ? null : Json.read(model, ModelArtifact.class);
        ProgramFiles.Checked c = ProgramFiles.load(prog, m);
        TileProgram p = c.program();
        var s = p.stats();
        return String.format(java.util.Locale.ROOT, "OK: %s is legal: %d tiles, %d devices, every weight placed once, no row/column conflicts, "
                + "levels in 0..%d, programmed states within tolerance except %d recorded misses, %d neurons routed, "
                + "layer gains/drives/gUnit match the network and target, unused cells at reset, content sha256 %s%s",
                c.file(), s.tilesUsed(), s.cellsUsed(), p.provenance().switches(), Math.round(s.missFraction() * s.cellsUsed()), p.neurons().size(),
                c.sha256(), m == null ? "" : ", pairs reconstruct the model's quantised weights")
                + (p.layers().stream().anyMatch(l -> l.bitline() != null) ? ", bit-line compensation currents match the nominal levels" : "");
    }
}
