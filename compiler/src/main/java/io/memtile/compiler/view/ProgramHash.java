package io.memtile.compiler.view;

/**
 * How tile-map and chip-overview titles show the program's content hash
 * ({@code provenance.contentSha256}, sealed at compile time by {@link io.memtile.compiler.check.ProgramHash}),
 * so a picture can be matched to the program.json it was drawn from.
 */
public final class ProgramHash {
    /** Hex digits shown in titles: enough to tell programs apart by eye. */
    public static final int SHORT = 12;

    private ProgramHash() {}

    public static String shortForm(String hash) {
        return hash == null ? "(none)" : hash.substring(0, Math.min(SHORT, hash.length()));
    }
}
