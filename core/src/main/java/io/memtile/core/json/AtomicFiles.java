package io.memtile.core.json;

import io.memtile.core.MemtileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Every file memtile writes appears whole or not at all: content goes to a temporary sibling and
 * is renamed into place, so a kill mid-write (or a validation error after half the outputs were
 * produced) never leaves a truncated artifact that a later step would trust.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** A consumer that fills a directory and may throw. */
    @FunctionalInterface
    public interface DirectoryFiller {
        void fill(Path dir) throws IOException;
    }

    public static void writeString(Path file, String content) {
        writeBytes(file, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeBytes(Path file, byte[] content) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            Files.createDirectories(dir);
            removeStaleTemps(abs);
            Path tmp = Files.createTempFile(dir, tempPrefix(abs), ".tmp");
            try {
                Files.write(tmp, content);
                makeShareable(tmp);
                move(tmp, abs);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new MemtileException(file.toString(), null, "cannot write: " + e.getMessage());
        }
    }

    /**
     * Builds a whole output directory in a temporary sibling and swaps it in only once the filler
     * has succeeded; on any exception the previous directory (if any) is left untouched.
     */
    public static void writeDirectory(Path target, DirectoryFiller filler) {
        writeDirectory(target, null, filler);
    }

    /**
     * As {@link #writeDirectory(Path, DirectoryFiller)}, and marks the directory as a memtile output
     * of {@code kind} ({@link io.memtile.core.output.OutputGuard#MARKER}) so a later run may replace it
     * without {@code --force}; null = no marker.
     */
    public static void writeDirectory(Path target, String kind, DirectoryFiller filler) {
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            removeStaleTemps(abs);
            tmp = Files.createTempDirectory(parent, tempPrefix(abs));
            filler.fill(tmp);
            if (kind != null) io.memtile.core.output.OutputGuard.mark(tmp, kind);
            makeShareable(tmp);
            Path old = null;
            if (Files.exists(abs)) {
                old = parent.resolve("." + abs.getFileName() + OLD + PID + "-" + System.nanoTime());
                Files.move(abs, old);
            }
            Files.move(tmp, abs);
            tmp = null;
            if (old != null) deleteTree(old);
        } catch (IOException e) {
            throw new MemtileException(target.toString(), null, "cannot write directory: " + e.getMessage());
        } finally {
            if (tmp != null) deleteTree(tmp);
        }
    }

    private static final String TMP = ".tmp-", OLD = ".old-";
    private static final long PID = ProcessHandle.current().pid();

    /** Temp siblings carry the writer's PID, so a later run can tell a killed writer's leftovers from a live one's. */
    private static String tempPrefix(Path abs) {
        return "." + abs.getFileName() + TMP + PID + "-";
    }

    /**
     * Deletes hidden temp siblings of {@code out} ({@code .NAME.tmp-PID-*}, {@code .NAME.old-PID-*})
     * whose writing process is gone: what {@code kill -9} mid-write leaves behind. Entries of live
     * processes (a concurrent run writing the same output) are left alone.
     */
    public static void removeStaleTemps(Path out) {
        Path abs = out.toAbsolutePath();
        Path parent = abs.getParent();
        if (parent == null || abs.getFileName() == null || !Files.isDirectory(parent)) return;
        String base = "." + abs.getFileName();
        try (var entries = Files.newDirectoryStream(parent, e -> {
            String n = e.getFileName().toString();
            return n.startsWith(base + TMP) || n.startsWith(base + OLD);
        })) {
            for (Path e : entries) {
                String rest = e.getFileName().toString().substring(base.length() + TMP.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash > 0 ? rest.substring(0, dash) : rest);
                } catch (NumberFormatException ex) {
                    continue; // not ours
                }
                if (pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                try {
                    deleteTree(e);
                } catch (UncheckedIOException ex) {
                    // best effort: a leftover we cannot delete must not stop the new output
                }
            }
        } catch (IOException e) {
            // listing the parent failed: the write itself will report the real problem
        }
    }

    /*
     * createTempFile/createTempDirectory make owner-only (0600/0700) entries; an artifact is meant to be
     * read by the rest of the team and by CI, so give it the ordinary rw-r--r-- / rwxr-xr-x modes.
     */
    private static void makeShareable(Path p) throws IOException {
        if (!p.getFileSystem().supportedFileAttributeViews().contains("posix")) return;
        String mode = Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--";
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) return;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
