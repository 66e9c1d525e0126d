package io.memtile.compiler.check;

import io.memtile.compiler.program.TileProgram;
import io.memtile.core.json.Json;

/**
 * The program's content hash: sha256 of its canonical JSON (the JSON-B serialisation, fixed
 * property order and number format) with provenance.contentSha256 left out. Canonical rather than
 * the file's bytes, so re-indenting program.json does not change it but any changed number does.
 * Recorded at compile time, checked on every read, copied into sim.json and reports.
 */
public final class ProgramHash {
    private ProgramHash() {}

    public static String compute(TileProgram p) {
        TileProgram bare = withHash(p, null);
        return Json.sha256OfJson(bare);
    }

    /** The program with its content hash recorded. */
    public static TileProgram seal(TileProgram p) {
        return withHash(p, compute(p));
    }

    static TileProgram withHash(TileProgram p, String h) {
        return new TileProgram(p.schemaVersion(), p.provenance().withContentSha256(h), p.network(), p.target(), p.layers(), p.tiles(),
                p.neurons(), p.stats());
    }
}
