package io.memtile.core.json;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.MemtileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void writesWholeFileWithReadableModeAndNoTempLeftovers(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a/b/out.json");
        AtomicFiles.writeString(f, "{\"x\":1}");
        assertEquals("{\"x\":1}", Files.readString(f));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "temp file left behind");
        }
    }

    @Test
    void failedDirectoryWriteLeavesPreviousOutputUntouched(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("prog");
        AtomicFiles.writeDirectory(out, d -> Files.writeString(d.resolve("program.json"), "old"));
        assertThrows(MemtileException.class, () -> AtomicFiles.writeDirectory(out, d -> {
            Files.writeString(d.resolve("program.json"), "half");
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(out.resolve("program.json")));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "temporary directory left behind");
        }
    }

    @Test
    void failedFirstDirectoryWriteLeavesNothing(@TempDir Path dir) {
        Path out = dir.resolve("prog");
        assertThrows(RuntimeException.class, () -> AtomicFiles.writeDirectory(out, d -> {
            throw new IllegalStateException("bad model");
        }));
        assertFalse(Files.exists(out));
    }
}
