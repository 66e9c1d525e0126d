package io.memtile.report.sweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.report.sweep.SweepStatusFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Slurm array script, the Kubernetes manifest and the status text against golden files, byte
 * for byte. Regenerate after an intended change with {@code -Dgolden.update=true} and review the diff.
 */
class ClusterTemplatesGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/sweep");
    static final WorkerLauncher LAUNCHER = new WorkerLauncher("/opt/java 17/bin/java", "/opt/memtile/memtile-cli.jar:/opt/memtile/lib/*",
            WorkerLauncher.MAIN);

    @Test
    void slurmArrayScript() throws IOException {
        // The plan path is a shell word (quoted); the log and working directories go on #SBATCH lines (checked).
        String s = SlurmArrayScript.render(new SlurmArrayScript.Input(Path.of("/data/sweeps/it's here/plan.json"), 16, "0-3,7,9-15",
                "memtile-sweep", new WorkerResources("gpu-short", "2:00:00", 2, "6G"), LAUNCHER, Path.of("/data/sweeps/logs"),
                Path.of("/home/u/work")));
        check("slurm-array.sh", s);
        assertTrue(s.startsWith("#!/bin/bash\n"), "the shebang is the first line");
        assertTrue(s.contains("--index \"$SLURM_ARRAY_TASK_ID\""), s);
        assertTrue(s.contains("-Xmx4608m"), "heap = 3/4 of --mem");
    }

    @Test
    void pathsSbatchCannotQuoteAreRefused() {
        for (String bad : new String[] {"/data/my sweeps/logs", "/data/it's/logs", "/data/100%/logs"}) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(io.memtile.core.MemtileException.class, () -> new SlurmArrayScript.Input(
                    Path.of("/s/plan.json"), 4, "0-3", "memtile-sweep", new WorkerResources("", "30", 1, "2G"), LAUNCHER, Path.of(bad), Path.of("/s")));
            assertTrue(e.getMessage().contains("#SBATCH"), e.getMessage());
        }
    }

    @Test
    void slurmScriptWithoutPartitionNamesNone() throws IOException {
        String s = SlurmArrayScript.render(new SlurmArrayScript.Input(Path.of("/s/plan.json"), 4, "0-3", "memtile-sweep",
                new WorkerResources("", "30", 1, "2048"), LAUNCHER, Path.of("/s/cluster/logs"), Path.of("/s")));
        assertTrue(!s.contains("--partition"), s);
        assertTrue(s.contains("#SBATCH --mem=2048\n"), s);
    }

    @Test
    void kubernetesIndexedJob() throws IOException {
        String m = K8sIndexedJob.render(new K8sIndexedJob.Input(Path.of("/data/sweeps/a/plan.json"), 16, "memtile-sweep-0a1b2c3d",
                new WorkerResources("", "1:00:00", 1, "4G"), "registry.example/memtile:0.1.0", "memtile", "sweeps", 4));
        check("k8s-indexed-job.yaml", m);
        assertTrue(m.contains("completionMode: Indexed"), m);
        assertTrue(m.contains("completions: 16"), m);
        assertTrue(m.contains("$JOB_COMPLETION_INDEX"), m);
    }

    @Test
    void statusText() throws IOException {
        SweepStatus.Report r = SweepStatusFixtures.report();
        check("status.txt", SweepStatus.render(r, false));
        check("status-all.txt", SweepStatus.render(r, true));
    }

    @Test
    void indexRangesRoundTrip() {
        assertEquals("0-3,7,9-12", IndexRanges.format(List.of(12, 0, 1, 2, 3, 7, 9, 10, 11, 3)));
        assertEquals(List.of(0, 1, 2, 3, 7, 9, 10, 11, 12), IndexRanges.parse("0-3,7,9-12"));
        assertEquals("5", IndexRanges.format(List.of(5)));
    }

    static void check(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), "missing golden file " + file + " (run with -Dgolden.update=true)");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "output differs from " + file);
    }
}
