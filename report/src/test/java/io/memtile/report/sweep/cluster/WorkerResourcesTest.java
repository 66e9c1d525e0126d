package io.memtile.report.sweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.MemtileException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerResourcesTest {
    @Test
    void memorySizesInSlurmSyntax() {
        assertEquals(4096, new WorkerResources("", "10", 1, "4G").memMiB());
        assertEquals(3000, new WorkerResources("", "10", 1, "3000").memMiB());
        assertEquals(512, new WorkerResources("", "10", 1, "524288K").memMiB());
        assertEquals("-Xmx3072m", new WorkerResources("", "10", 1, "4g").heapOption());
        assertEquals("4096Mi", new WorkerResources("", "10", 1, "4G").memQuantity());
    }

    @Test
    void badValuesNameTheOption() {
        assertTrue(assertThrows(MemtileException.class, () -> new WorkerResources("", "10", 1, "4 GB")).getMessage().contains("--mem"));
        assertTrue(assertThrows(MemtileException.class, () -> new WorkerResources("", "10", 1, "100M")).getMessage().contains("--mem"));
        assertTrue(assertThrows(MemtileException.class, () -> new WorkerResources("", "an hour", 1, "4G")).getMessage().contains("--time"));
        assertTrue(assertThrows(MemtileException.class, () -> new WorkerResources("", "10", 0, "4G")).getMessage().contains("--cpus"));
        assertTrue(assertThrows(MemtileException.class, () -> new WorkerResources("a;rm -rf /", "10", 1, "4G")).getMessage().contains("--partition"));
        for (String t : new String[] {"30", "30:00", "1:00:00", "2-12", "2-12:30", "2-12:30:00"}) assertEquals(t, new WorkerResources("", t, 1, "4G").time());
    }

    @Test
    void classpathIsAbsoluteAndADirectoryOfJarsBecomesAWildcard(@TempDir Path tmp) throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.writeString(lib.resolve("a.jar"), "");
        Files.writeString(lib.resolve("b.jar"), "");
        Path main = Files.writeString(tmp.resolve("main.jar"), "");
        String cp = String.join(File.pathSeparator, main.toString(), lib.resolve("a.jar").toString(), lib.resolve("b.jar").toString());
        assertEquals(main + File.pathSeparator + lib + File.separator + "*", WorkerLauncher.compact(cp));
        // A directory with jars that are not on the class path keeps its entries (a wildcard would add them).
        Files.writeString(lib.resolve("c.jar"), "");
        assertEquals(cp, WorkerLauncher.compact(cp));
        WorkerLauncher w = WorkerLauncher.fromThisJvm();
        assertTrue(Path.of(w.java()).isAbsolute() && Files.isExecutable(Path.of(w.java())), w.java());
        for (String e : w.classpath().split(File.pathSeparator)) assertTrue(Path.of(e.replace("*", "x")).isAbsolute(), e);
    }
}
