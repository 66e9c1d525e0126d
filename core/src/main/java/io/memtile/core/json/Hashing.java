package io.memtile.core.json;

import io.memtile.core.MemtileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 provenance hashes recorded in artifacts (model, program, dataset files). */
public final class Hashing {
    private Hashing() {}

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String sha256(Path f) {
        try {
            return sha256(Files.readAllBytes(f));
        } catch (IOException e) {
            throw new MemtileException(f.toString(), null, "cannot read: " + e.getMessage());
        }
    }
}
