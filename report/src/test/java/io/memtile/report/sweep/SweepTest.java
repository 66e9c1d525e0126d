package io.memtile.report.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {
    static final String GRID = "tile=64,128;adcBits=6,8;target=paper-65nm,knowm-mss;variation=0,0.05";

    static SweepSpec spec(String grid) { return new SweepSpec(grid, "paper-65nm", "784-100-10", null, null, 0, 1); }

    @Test
    void planIsTheCartesianProductInAFixedOrder() {
        SweepPlan p = SweepPlanner.plan(spec(GRID));
        assertEquals(16, p.jobs().size());
        SweepJob j = p.jobs().get(5);
        assertEquals(5, j.index());
        assertEquals("paper-65nm", j.target());
        assertEquals(128, j.tile());
        assertEquals(6, j.adcBits());
        assertEquals(0.05, j.variation());
        assertEquals("jobs/0005-paper-65nm_t128_b6_v0.05.json", j.output());
        assertEquals("paper", p.mode());
        assertEquals(p, SweepPlanner.plan(spec(GRID)), "planning is deterministic");
    }

    @Test
    void stepwiseEqualsAllInOne(@TempDir Path tmp) {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Sweeps.Outcome all = Sweeps.runAll(spec(GRID), a, 2, "md", null);
        assertEquals(16, all.ran());

        // The cluster path: plan, run each index (in an arbitrary order), collect.
        Path plan = SweepPlanner.write(SweepPlanner.plan(spec(GRID)), b);
        for (int i = 15; i >= 0; i--) assertEquals(SweepRunner.Status.DONE, SweepRunner.run(plan, i));
        String md = SweepCollector.render(SweepPlanner.read(plan), SweepCollector.collect(plan), "md");
        assertEquals(all.table(), md);
        String csv = SweepCollector.render(SweepPlanner.read(plan), SweepCollector.collect(plan), "csv");
        assertEquals(17, csv.lines().count());
        // Re-running a finished job is a no-op.
        assertEquals(SweepRunner.Status.SKIPPED, SweepRunner.run(plan, 3));
        // The table carries the paper's figures for the paper configuration (job 7: paper-65nm, 128, 8 bits).
        assertTrue(md.contains("| 7 | paper-65nm | 128×128 | 8 | 0.05 | 10 | 0.0277 | 0.1477 | 5.33× | 214.5 µW | 8.215 mW | 38.29× | 640.0 µs | 7.440 ms | 11.63× |"), md);
    }

    @Test
    void aKilledRunResumes(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        Path plan = SweepPlanner.write(SweepPlanner.plan(spec(GRID)), dir);
        // "Killed" after 5 jobs: those outputs exist, a half-written temp file is left behind, and one
        // output was truncated by a crash of something other than memtile's atomic writer.
        for (int i = 0; i < 5; i++) SweepRunner.run(plan, i);
        Files.writeString(dir.resolve("jobs/.0005-partial.json.123.tmp"), "{\"schemaVer");
        SweepJob j4 = SweepPlanner.read(plan).jobs().get(4);
        Files.writeString(dir.resolve(j4.output()), "{\"schemaVersion\": 1,");
        assertThrows(MemtileException.class, () -> SweepCollector.collect(plan), "collect refuses an incomplete sweep");

        Sweeps.Outcome resumed = Sweeps.runAll(spec(GRID), dir, 2, "md", null);
        assertEquals(4, resumed.skipped());
        assertEquals(12, resumed.ran());
        Sweeps.Outcome fresh = Sweeps.runAll(spec(GRID), tmp.resolve("fresh"), 1, "md", null);
        assertEquals(fresh.table(), resumed.table());
        Sweeps.Outcome again = Sweeps.runAll(spec(GRID), dir, 2, "md", null);
        assertEquals(16, again.skipped());
        assertEquals(0, again.ran());
    }

    @Test
    void aDifferentGridInTheSameDirectoryIsRefused(@TempDir Path tmp) {
        SweepRunner.run(SweepPlanner.write(SweepPlanner.plan(spec("tile=64")), tmp), 0);
        MemtileException e = assertThrows(MemtileException.class, () -> SweepPlanner.write(SweepPlanner.plan(spec("tile=128")), tmp));
        assertTrue(e.getMessage().contains("different plan"), e.getMessage());
    }

    @Test
    void jobsAreSelfContained(@TempDir Path tmp) throws IOException {
        // A target given as a file is recorded as an absolute path, so a job runs from any directory.
        Path target = tmp.resolve("my-target.json");
        try (var in = SweepTest.class.getResourceAsStream("/targets/knowm-mss.json")) {
            Files.write(target, in.readAllBytes());
        }
        SweepPlan p = SweepPlanner.plan(spec("target=" + target + ";adcBits=8"));
        assertEquals(target.toAbsolutePath().toString(), p.jobs().get(0).target());
        Path plan = SweepPlanner.write(p, tmp.resolve("s"));
        SweepRunner.run(plan, 0);
        SweepRow row = Json.read(tmp.resolve("s").resolve(p.jobs().get(0).output()), SweepRow.class);
        assertEquals("knowm-mss", row.targetName());
        assertEquals(3, row.tiles());
        assertFalse(row.hasMeasured());
        try (Stream<Path> s = Files.list(tmp.resolve("s/jobs"))) {
            List<Path> files = s.toList();
            assertEquals(1, files.size(), "no temp files left: " + files);
        }
    }

    @Test
    void measuredSweepCompilesAndSimulatesEachJob(@TempDir Path tmp) {
        Path model = tmp.resolve("model.json");
        Json.write(model, io.memtile.compiler.RandomModels.create(io.memtile.core.target.Targets.paper(), new int[] {784, 8, 10}, 0.5, 3));
        SweepSpec s = new SweepSpec("adcBits=6,8;variation=0,0.2", "paper-65nm", "784-100-10", model.toString(), "embedded:mnist", 2, 5);
        Sweeps.Outcome o = Sweeps.runAll(s, tmp.resolve("m"), 2, "md", null);
        assertEquals(4, o.ran());
        List<SweepRow> rows = SweepCollector.collect(o.plan());
        for (SweepRow r : rows) {
            assertTrue(r.hasMeasured());
            assertTrue(r.tiles() >= 7, "784 inputs need at least ceil(784/128) = 7 tiles of word lines, got " + r.tiles());
            assertTrue(r.energyMemtileJ() > 0 && r.energyMixedJ() > 0 && r.accuracy() >= 0 && r.accuracy() <= 1);
        }
        // Same chip, same run: ADC bits change only the baseline; variation changes the simulated array.
        assertEquals(rows.get(0).energyMemtileJ(), rows.get(2).energyMemtileJ());
        assertTrue(rows.get(2).energyMixedJ() > rows.get(0).energyMixedJ(), "8-bit conversions cost more than 6-bit");
        assertTrue(!rows.get(0).energyMemtileJ().equals(rows.get(1).energyMemtileJ()), "d2d variation 0.2 changes the array energy");
        assertTrue(o.table().contains("| Accuracy |"));
        // Two simulations (variation 0 and 0.2), each shared by both ADC resolutions.
        try (Stream<Path> sims = Files.list(tmp.resolve("m/sims"))) {
            assertEquals(2, sims.count());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void gridErrorsNameTheAxis() {
        assertTrue(assertThrows(MemtileException.class, () -> SweepGrid.expand("tiles=64", "paper-65nm")).getMessage().contains("unknown axis"));
        assertTrue(assertThrows(MemtileException.class, () -> SweepGrid.expand("adcBits=4,x", "paper-65nm")).getMessage().contains("adcBits"));
        assertTrue(assertThrows(MemtileException.class, () -> SweepGrid.expand("target=nope", "paper-65nm")).getMessage().contains("nope"));
        assertTrue(assertThrows(MemtileException.class, () -> SweepGrid.expand("variation=3", "paper-65nm")).getMessage().contains("variation"));
        assertEquals(1, SweepGrid.expand("adcBits=8", "paper-65nm").size());
        // Impossible tiles: no differential pair in 1 column; beyond 4096 no crossbar (and int overflow in cells).
        for (String bad : new String[] {"tile=1", "tile=0", "tile=-4", "tile=4097", "tile=65536"}) {
            MemtileException e = assertThrows(MemtileException.class, () -> SweepGrid.expand(bad, "paper-65nm"), bad);
            assertTrue(e.getMessage().contains("tile") && e.getMessage().contains("[2, 4096]"), e.getMessage());
        }
        assertEquals(2, SweepGrid.expand("tile=2,4096", "paper-65nm").get(0).tile());
    }

    @Test
    void axesAreATableAndIdsFollowIt() {
        assertEquals(List.of("target", "tile", "adcBits", "adcCycles", "variation", "inputAmplitude", "layerScales"), SweepGrid.KEYS);
        List<SweepGrid.Point> pts = SweepGrid.expand("variation=0,0.1;tile=64,128", "knowm-mss");
        // Expansion order is the table's, whatever the grid's order: tile varies slower than variation.
        assertEquals(List.of("knowm-mss_t64_bT_v0", "knowm-mss_t64_bT_v0.1", "knowm-mss_t128_bT_v0", "knowm-mss_t128_bT_v0.1"),
                pts.stream().map(SweepGrid::id).toList());
        assertEquals("knowm-mss_t64_bT_c6_vT", SweepGrid.id(SweepGrid.expand("tile=64;adcCycles=6", "knowm-mss").get(0)));
    }

    @Test
    void aPlanCannotWriteOutsideItsDirectory(@TempDir Path tmp) throws IOException {
        Path plan = SweepPlanner.write(SweepPlanner.plan(spec("tile=64,128")), tmp.resolve("s"));
        String text = Files.readString(plan);
        for (String evil : new String[] {"../escaped.json", "/tmp/abs.json", "jobs/../../x.json", "jobs/sub/0000-a.json", "sims/0000-a.json"}) {
            Files.writeString(plan, text.replace("jobs/0000-paper-65nm_t64_bT_vT.json", evil));
            MemtileException e = assertThrows(MemtileException.class, () -> SweepRunner.run(plan, 0), evil);
            assertTrue(e.getMessage().contains("jobs[0].output"), e.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("escaped.json")));
        // Even a job that bypasses plan validation cannot resolve outside jobs/.
        SweepJob j = SweepPlanner.plan(spec("tile=64")).jobs().get(0);
        SweepJob evil = new SweepJob(0, j.id(), j.mode(), j.target(), j.network(), j.tile(), j.adcBits(), j.adcCycles(), j.variation(),
                j.seed(), null, null, 0, "jobs/../../escaped.json", null, null);
        assertThrows(MemtileException.class, () -> SweepRunner.run(tmp.resolve("s"), evil, new ContentKeys()));
        assertFalse(Files.exists(tmp.resolve("escaped.json")));
    }

    @Test
    void staleTempFilesAreRemovedLiveOnesKept(@TempDir Path tmp) throws IOException {
        Path plan = SweepPlanner.write(SweepPlanner.plan(spec("tile=64,128")), tmp);
        Path jobs = Files.createDirectories(tmp.resolve("jobs"));
        SweepJob j0 = SweepPlanner.read(plan).jobs().get(0);
        String own = Path.of(j0.output()).getFileName().toString();
        Path ownTmp = Files.createFile(jobs.resolve("." + own + ".111.tmp"));              // this job's, any age: a killed earlier try
        Path oldTmp = Files.createFile(jobs.resolve(".0001-other.json.222.tmp"));          // another job's, 1 h old: killed
        Path liveTmp = Files.createFile(jobs.resolve(".0001-other.json.333.tmp"));         // another job's, fresh: maybe being written
        Path oldSim = Files.createFile(Files.createDirectories(tmp.resolve("sims")).resolve(".abc.json.444.tmp"));
        java.nio.file.attribute.FileTime hourAgo = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        Files.setLastModifiedTime(oldTmp, hourAgo);
        Files.setLastModifiedTime(oldSim, hourAgo);
        SweepRunner.run(plan, 0);
        assertFalse(Files.exists(ownTmp));
        assertFalse(Files.exists(oldTmp));
        assertFalse(Files.exists(oldSim));
        assertTrue(Files.exists(liveTmp));
    }

    @Test
    void aCorrectedRetryReplacesAPlanNothingDependsOn(@TempDir Path tmp) {
        SweepPlanner.write(SweepPlanner.plan(spec("tile=64")), tmp);
        SweepPlanner.write(SweepPlanner.plan(spec("tile=128")), tmp); // no outputs yet: replaced
        assertEquals(128, SweepPlanner.read(tmp.resolve("plan.json")).jobs().get(0).tile());
    }
}
