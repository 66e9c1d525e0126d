package io.memtile.compiler.view;

import io.memtile.core.json.Hashing;

/**
 * The program hash printed in tile-map and chip-overview titles, so a picture can be matched to the
 * program.json it was drawn from. Today it is the SHA-256 of the program.json bytes as written;
 * issue 11 records a content hash of program.json at compile time, and this one method is the place
 * to switch over to that recorded value.
 */
public final class ProgramHash {
    /** Hex digits shown in titles: enough to tell programs apart by eye. */
    public static final int SHORT = 12;

    private ProgramHash() {}

    /** SHA-256 (hex) of the program.json bytes. */
    public static String of(byte[] programJson) {
        return Hashing.sha256(programJson);
    }

    public static String shortForm(String hash) {
        return hash == null ? "(none)" : hash.substring(0, Math.min(SHORT, hash.length()));
    }
}
