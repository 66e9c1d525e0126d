package io.memtile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.RandomModels;
import io.memtile.core.json.Json;
import io.memtile.core.target.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `memtile sweep` at the command line: hostile input, cluster submission files, status and partial collect. */
class SweepCommandTest {
    static Object[] run(String... args) { return ReportCommandTest.run(args); }

    static void assertOneLineError(Object[] r, String mustContain) {
        assertEquals(2, r[0], "exit code; stderr: " + r[2]);
        String err = (String) r[2];
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("memtile: error: ") && err.contains(mustContain), err);
    }

    static List<Path> tree(Path dir) throws IOException {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aBadModelWritesNothingAndTheCorrectedRetryRuns(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("sweep");
        Path bad = Files.writeString(tmp.resolve("model.json"), "{\"schemaVersion\": 1}");
        for (String cmd : new String[] {"sweep", "plan"}) {
            String[] args = cmd.equals("sweep")
                    ? new String[] {"sweep", "--grid", "adcBits=6,8", "--model", bad.toString(), "--samples", "2", "--dir", dir.toString()}
                    : new String[] {"sweep", "plan", "--grid", "adcBits=6,8", "--model", bad.toString(), "--samples", "2", "--dir", dir.toString()};
            assertOneLineError(run(args), "model.json");
            assertEquals(List.of(), tree(dir), cmd + ": nothing written");
        }
        assertOneLineError(run("sweep", "--grid", "adcBits=8", "--model", tmp.resolve("missing.json").toString(), "--dir", dir.toString()),
                "missing.json");
        assertFalse(Files.exists(dir.resolve("plan.json")));

        Json.write(bad, RandomModels.create(Targets.paper(), new int[] {784, 8, 10}, 0.5, 3)); // corrected in place
        Object[] r = run("sweep", "--grid", "adcBits=6,8", "--model", bad.toString(), "--samples", "2", "--threads", "1", "--dir", dir.toString());
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("| Accuracy |"), (String) r[1]);
    }

    @Test
    void impossibleTilesAreRejectedWithOneLine(@TempDir Path tmp) throws IOException {
        for (String grid : new String[] {"tile=1", "tile=0", "tile=70000", "tile=64,1"}) {
            assertOneLineError(run("sweep", "--grid", grid, "--dir", tmp.resolve("s").toString()), "tile");
        }
        assertEquals(List.of(), tree(tmp));
    }

    @Test
    void jobOutputsStayInsideTheSweepDirectory(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        assertEquals(0, run("sweep", "plan", "--grid", "tile=64,128", "--dir", dir.toString())[0]);
        Path plan = dir.resolve("plan.json");
        String text = Files.readString(plan);
        for (String evil : new String[] {"../outside.json", tmp.resolve("abs.json").toString(), "jobs/../../outside.json"}) {
            Files.writeString(plan, text.replace("jobs/0000-paper-65nm_t64_bT_vT.json", evil));
            assertOneLineError(run("sweep", "run", "--plan", plan.toString(), "--index", "0"), "jobs[0].output");
            assertOneLineError(run("sweep", "collect", "--plan", plan.toString()), "jobs[0].output");
            assertOneLineError(run("sweep", "status", "--plan", plan.toString()), "jobs[0].output");
        }
        assertFalse(Files.exists(tmp.resolve("outside.json")));
        assertFalse(Files.exists(tmp.resolve("abs.json")));
    }

    @Test
    void leftoverTempFilesAreCleanedAndNoneAreLeft(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        // What a sweep killed mid-write leaves: 0-byte temp files of the atomic writer.
        Path own = Files.createFile(jobs.resolve(".0000-paper-65nm_t64_bT_vT.json.5551.tmp"));
        Path old = Files.createFile(jobs.resolve(".0007-gone.json.5552.tmp"));
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Object[] r = run("sweep", "--grid", "tile=64,128", "--dir", dir.toString(), "--threads", "2");
        assertEquals(0, r[0], (String) r[2]);
        assertFalse(Files.exists(own));
        assertFalse(Files.exists(old));
        assertTrue(tree(dir).stream().noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), tree(dir).toString());
    }

    @Test
    void slurmDryRunPrintsTheScriptAndWritesNothing(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        Object[] r = run("sweep", "submit", "--slurm", "--dry-run", "--grid", "tile=64,128;adcBits=6,8", "--dir", dir.toString(),
                "--partition", "short", "--time", "20:00", "--cpus", "2", "--mem", "3G");
        assertEquals(0, r[0], (String) r[2]);
        String script = (String) r[1];
        assertTrue(script.startsWith("#!/bin/bash\n"), script);
        for (String line : new String[] {"#SBATCH --array=0-3", "#SBATCH --partition=short", "#SBATCH --time=20:00", "#SBATCH --cpus-per-task=2",
                "#SBATCH --mem=3G", "-Xmx2304m", "--index \"$SLURM_ARRAY_TASK_ID\"", dir.toAbsolutePath() + "/plan.json"}) {
            assertTrue(script.contains(line), line + " in\n" + script);
        }
        assertTrue(((String) r[2]).contains("nothing written or submitted"), (String) r[2]);
        assertEquals(List.of(), tree(dir));
        assertOneLineError(run("sweep", "submit", "--slurm", "--dry-run", "--grid", "tile=64", "--dir", dir.toString(), "--mem", "lots"), "--mem");
        assertOneLineError(run("sweep", "submit", "--slurm", "--dry-run", "--dir", dir.toString()), "no plan here");
    }

    @Test
    void kubernetesManifestIsWrittenNotSubmitted(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        Path yaml = tmp.resolve("job.yaml");
        assertOneLineError(run("sweep", "submit", "--k8s-manifest", yaml.toString(), "--grid", "tile=64,128", "--dir", dir.toString(), "--pvc", "claim"),
                "--image");
        assertEquals(List.of(), tree(tmp), "a refused manifest writes no plan either");
        Object[] r = run("sweep", "submit", "--k8s-manifest", yaml.toString(), "--grid", "tile=64,128", "--dir", dir.toString(), "--pvc", "claim",
                "--image", "memtile:0.1");
        assertEquals(0, r[0], (String) r[2]);
        String m = Files.readString(yaml);
        assertTrue(m.contains("completionMode: Indexed") && m.contains("completions: 2") && m.contains("$JOB_COMPLETION_INDEX"), m);
        assertTrue(Files.exists(dir.resolve("plan.json")));
        assertFalse(Files.exists(dir.resolve("cluster")), "nothing submitted");
    }

    @Test
    void statusAndPartialCollect(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        assertEquals(0, run("sweep", "plan", "--grid", "tile=64,128,256", "--dir", dir.toString())[0]);
        Path plan = dir.resolve("plan.json");
        assertEquals(0, run("sweep", "run", "--plan", plan.toString(), "--index", "1")[0]);
        Object[] st = run("sweep", "status", "--dir", dir.toString());
        assertEquals(3, st[0], "not all done: exit 3");
        assertTrue(((String) st[1]).startsWith(plan + ": 3 jobs: 1 done, 0 queued, 0 running, 0 failed, 2 missing\n"), (String) st[1]);

        Object[] c = run("sweep", "collect", "--plan", plan.toString());
        assertEquals(0, c[0], (String) c[2]);
        assertTrue(((String) c[1]).contains("| 1 | paper-65nm | 128×128 |"), (String) c[1]);
        assertTrue(((String) c[1]).contains("**Incomplete:** 1 of 3 jobs"), (String) c[1]);
        assertTrue(((String) c[2]).contains("partial table: 2 of 3 jobs have no current row (indices [0, 2]"), (String) c[2]);
        assertOneLineError(run("sweep", "collect", "--plan", plan.toString(), "--require-all"), "indices [0, 2]");

        run("sweep", "run", "--plan", plan.toString(), "--index", "0");
        run("sweep", "run", "--plan", plan.toString(), "--index", "2");
        assertEquals(0, run("sweep", "status", "--dir", dir.toString())[0]);
        Object[] full = run("sweep", "collect", "--plan", plan.toString(), "--require-all");
        assertEquals(0, full[0]);
        assertFalse(((String) full[1]).contains("Incomplete"));
        assertEquals("", full[2]);
    }
}
