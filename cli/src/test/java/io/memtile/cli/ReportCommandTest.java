package io.memtile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.emit.ProgramIO;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    /** Runs the CLI capturing stdout and stderr: {exit code, stdout, stderr}. */
    static Object[] run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Object[] {code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void paperReportToStdoutAndFile(@TempDir Path dir) throws Exception {
        Object[] r = run("report", "--paper", "--target", "paper-65nm", "--format", "md");
        assertEquals(0, r[0], (String) r[2]);
        String md = (String) r[1];
        assertTrue(md.contains("| Power | 0.21453 mW | 8.2145 mW | 38.29× | 0.21 mW [2] | 8.21 mW | 38.30× |"), md);
        assertTrue(md.contains("| Latency | 0.64 ms | 7.44 ms | 11.63× |"), md);
        Path out = dir.resolve("r.csv");
        r = run("report", "--paper", "--target", "knowm-mss", "--format", "csv", "--out", out.toString());
        assertEquals(0, r[0], (String) r[2]);
        assertEquals("", r[1]);
        assertTrue(Files.readString(out).startsWith("mode,target,network,aspect"));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temp files next to the output");
        }
    }

    @Test
    void badInputIsExitCode2(@TempDir Path dir) {
        Object[] r = run("report", "--paper", "--format", "pdf");
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).contains("--format"), (String) r[2]);
        r = run("report", "--paper", "--adc-bits", "40");
        assertEquals(2, r[0]);
        r = run("report", dir.resolve("missing.json").toString());
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).contains("missing.json"), (String) r[2]);
        r = run("report");
        assertEquals(2, r[0]);
    }

    @Test
    void measuredReportFromARealSimulation(@TempDir Path dir) throws Exception {
        Target t = Targets.paper();
        var m = RandomModels.create(t, new int[] {784, 12, 10}, 0.5, 3);
        Path prog = dir.resolve("prog");
        ProgramIO.write(prog, Compiler.compile(m, t, CompileOptions.ideal(1)), false);
        Path sim = dir.resolve("sim.json");
        Object[] r = run("simulate", prog.toString(), "--dataset", "embedded:mnist", "--limit", "3", "--out", sim.toString(), "--threads", "1");
        assertEquals(0, r[0], (String) r[2]);
        Path html = dir.resolve("report.html");
        r = run("report", sim.toString(), "--format", "html", "--out", html.toString(), "--adc-bits", "6", "--adc-cycles", "6");
        assertEquals(0, r[0], (String) r[2]);
        String page = Files.readString(html);
        assertTrue(page.contains("measured mode"), page.substring(0, 300));
        assertTrue(page.contains("Energy / inference"));
        assertTrue(page.contains("data:image/png;base64,"));
        assertTrue(page.contains("scaled 2^(6-8)"), "ADC resolution scaling is stated");
        r = run("report", sim.toString(), "--format", "tex");
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("\\toprule"));
    }

    @Test
    void sweepPlanRunCollect(@TempDir Path dir) {
        String grid = "tile=128,256;adcBits=6,8";
        Object[] all = run("sweep", "--grid", grid, "--dir", dir.resolve("a").toString(), "--threads", "2");
        assertEquals(0, all[0], (String) all[2]);
        Object[] p = run("sweep", "plan", "--grid", grid, "--dir", dir.resolve("b").toString());
        assertEquals(0, p[0], (String) p[2]);
        String plan = dir.resolve("b/plan.json").toString();
        for (int i = 0; i < 4; i++) assertEquals(0, run("sweep", "run", "--plan", plan, "--index", Integer.toString(i))[0]);
        assertTrue(((String) run("sweep", "run", "--plan", plan, "--index", "2")[1]).contains("skipped"));
        Object[] c = run("sweep", "collect", "--plan", plan);
        assertEquals(0, c[0], (String) c[2]);
        assertEquals(all[1], c[1]);
        assertEquals(2, run("sweep", "run", "--plan", plan, "--index", "9")[0]);
    }
}
