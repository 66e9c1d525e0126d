package io.memtile.core.json;

/**
 * Artifacts carry a schema version so that a newer memtile refuses an older file with a clear
 * message instead of mis-reading it. Implementing records declare {@code static final int
 * SCHEMA_VERSION}; {@link Json#read} compares the two.
 */
public interface Versioned {
    int schemaVersion();
}
