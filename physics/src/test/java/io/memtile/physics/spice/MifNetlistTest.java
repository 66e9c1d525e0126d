package io.memtile.physics.spice;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.target.NeuronParams;
import io.memtile.core.target.Targets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MifNetlistTest {
    private static final String GOLDEN = "mif-neuron-golden.cir";

    static String renderSmall() {
        NeuronParams p = Targets.paper().neuron();
        double[] cur = {0, 0, 3e-6, 3e-6, 1e-6, 0};
        return MifNetlist.render(p, "paper-65nm", "golden step", 0.018, 0.0075, 8.6e-5, cur, 1e-5, "mif.data");
    }

    /**
     * Golden file guard for templates/spice/mif-neuron.cir.vm. To accept an intended change, run
     * with -Dmemtile.updateGolden=true and review the diff.
     */
    @Test
    void rendersTheGoldenNetlist() throws IOException {
        String got = renderSmall();
        if (Boolean.getBoolean("memtile.updateGolden")) {
            Files.writeString(Path.of("src/test/resources/io/memtile/physics/spice", GOLDEN), got, StandardCharsets.UTF_8);
        }
        String want;
        try (InputStream in = getClass().getResourceAsStream(GOLDEN)) {
            assertNotNull(in, "missing golden file " + GOLDEN);
            want = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(want, got);
    }

    /** Total charge exact, each step's charge within edge/8 per current change, edges never overlap. */
    @Test
    void pwlPreservesPerStepCharge() {
        double dt = 1e-5, edge = 1e-9;
        double[] cur = {1e-6, 1e-6, -2e-6, 5e-6, 5e-6, 0, 3e-7};
        List<MifNetlist.PwlPoint> pts = MifNetlist.pwl(cur, dt, edge);
        for (int i = 1; i < pts.size(); i++) assertTrue(pts.get(i).getTime() > pts.get(i - 1).getTime());
        assertEquals(cur.length * dt, pts.get(pts.size() - 1).getTime(), 1e-18);
        for (int k = 0; k < cur.length; k++) {
            double q = integrate(pts, k * dt, (k + 1) * dt);
            double left = k > 0 ? Math.abs(cur[k] - cur[k - 1]) : 0, right = k + 1 < cur.length ? Math.abs(cur[k + 1] - cur[k]) : 0;
            assertEquals(cur[k] * dt, q, (left + right) * edge / 8 * (1 + 1e-9) + 1e-24, "step " + k);
        }
        double total = 0;
        for (double c : cur) total += c * dt;
        assertEquals(total, integrate(pts, 0, cur.length * dt), 1e-9 * Math.abs(total));
        assertThrows(IllegalArgumentException.class, () -> MifNetlist.pwl(cur, dt, dt));
    }

    /** Exact integral of the piecewise-linear waveform over [a, b]. */
    private static double integrate(List<MifNetlist.PwlPoint> pts, double a, double b) {
        double q = 0;
        for (int i = 1; i < pts.size(); i++) {
            double t0 = pts.get(i - 1).getTime(), t1 = pts.get(i).getTime();
            double lo = Math.max(a, t0), hi = Math.min(b, t1);
            if (hi <= lo) continue;
            double i0 = pts.get(i - 1).getCurrent(), i1 = pts.get(i).getCurrent();
            double f0 = i0 + (i1 - i0) * (lo - t0) / (t1 - t0), f1 = i0 + (i1 - i0) * (hi - t0) / (t1 - t0);
            q += 0.5 * (f0 + f1) * (hi - lo);
        }
        return q;
    }

    @Test
    void parsesWrdataTables() {
        double[][] c = Ngspice.parse(List.of(" time v(vm) v(x1)", " 1.0e-08 1.8e-02 7.5e-03 ", "", "2.0e-08 1.9e-02 7.6e-03"));
        assertArrayEquals(new double[] {1e-8, 2e-8}, c[0]);
        assertArrayEquals(new double[] {1.8e-2, 1.9e-2}, c[1]);
        assertThrows(io.memtile.core.MemtileException.class, () -> Ngspice.parse(List.of("time v")));
        assertThrows(io.memtile.core.MemtileException.class, () -> Ngspice.parse(List.of("1 2 3", "1 2")));
    }
}
