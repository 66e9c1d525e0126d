package io.memtile.compiler.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.TestTargets;
import io.memtile.core.target.MssParams;
import io.memtile.core.target.Programming;
import io.memtile.core.target.Target;
import io.memtile.physics.mss.MssRates;
import io.memtile.physics.mss.StochasticMss;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WriteVerifyTest {
    final Target t = TestTargets.paper();

    MssParams dev(int n) {
        MssParams s = t.synapse();
        return new MssParams(s.rOn(), s.rOff(), s.vOn(), s.vOff(), s.tau(), s.thermalVoltage(), s.phi(), s.volatileOff(), n);
    }

    @Test
    void tabulatedTransitionMatchesStochasticMssDraws() {
        MssParams d = dev(16);
        WriteVerify wv = new WriteVerify(d, t.programming());
        int[][] cases = {{0, 5}, {3, 12}, {12, 2}, {15, 16}, {9, 8}};
        for (int[] c : cases) {
            int from = c[0], to = c[1];
            double v = from < to ? t.programming().setVoltage() : t.programming().resetVoltage();
            double w = wv.widthS(from, to);
            double[] pr = new double[2];
            MssRates.pulseProbabilities(d, v, w, pr);
            double[] pmf = WriteVerify.transition(16, from, pr[0], pr[1]);
            int trials = 40000;
            int[] hist = new int[17];
            SplittableRandom r = new SplittableRandom(from * 31 + to);
            double[] scratch = new double[2];
            for (int k = 0; k < trials; k++) hist[StochasticMss.applyPulse(d, from, v, w, r, scratch)]++;
            for (int j = 0; j <= 16; j++) {
                double expect = pmf[j] * trials, sd = Math.sqrt(trials * pmf[j] * (1 - pmf[j])) + 1;
                assertEquals(expect, hist[j], 5 * sd, "from " + from + " to " + to + " level " + j);
            }
            // the width is chosen so the mean-field expected level is the target when reachable
            if (w < t.programming().maxPulseWidthNs() * 1e-9 * (1 - 1e-12)) assertEquals(to, wv.expectedAfter(from, to), 1e-6);
            else assertTrue(Math.abs(wv.expectedAfter(from, to) - to) < Math.abs(from - to), "clamped pulse still moves toward the target");
        }
    }

    @Test
    void aliasTableReproducesTheDistribution() {
        double[] pmf = WriteVerify.transition(16, 4, 0.3, 0.05);
        double[] prob = new double[17];
        int[] alias = new int[17];
        WriteVerify.buildAlias(pmf, prob, alias, 0);
        SplittableRandom r = new SplittableRandom(1);
        int trials = 100000;
        int[] hist = new int[17];
        for (int k = 0; k < trials; k++) {
            double u = r.nextDouble() * 17;
            int j = (int) u;
            hist[u - j < prob[j] ? j : alias[j]]++;
        }
        for (int j = 0; j <= 16; j++) {
            double sd = Math.sqrt(trials * pmf[j] * (1 - pmf[j])) + 1;
            assertEquals(pmf[j] * trials, hist[j], 5 * sd, "level " + j);
        }
    }

    @Test
    void widthsAreClampedToTheDriver() {
        Programming p = t.programming();
        WriteVerify wv = new WriteVerify(dev(64), p);
        for (int a = 0; a <= 64; a += 7) {
            for (int b = 0; b <= 64; b += 5) {
                if (a == b) continue;
                double w = wv.widthS(a, b) * 1e9;
                assertTrue(w >= p.minPulseWidthNs() - 1e-9 && w <= p.maxPulseWidthNs() + 1e-6, a + "->" + b + ": " + w);
            }
        }
        // a full SET to level N cannot be reached in mean field: the longest pulse is used
        assertEquals(p.maxPulseWidthNs(), wv.widthS(0, 64) * 1e9, 1e-6);
    }

    @Test
    void healthyDevicesReachTheirTargetAndStuckOnesAreDetected() {
        WriteVerify wv = new WriteVerify(dev(64), t.programming());
        SplittableRandom r = new SplittableRandom(4);
        WriteVerify.Cost cost = new WriteVerify.Cost();
        int ok = 0;
        for (int k = 0; k < 2000; k++) {
            int target = r.nextInt(65);
            long res = wv.program(0, target, -1, r, cost, null);
            if (WriteVerify.outcome(res) == WriteVerify.Outcome.OK) {
                ok++;
                assertEquals(target, WriteVerify.level(res));
            }
            assertTrue(WriteVerify.outcome(res) != WriteVerify.Outcome.STUCK, "healthy device declared stuck");
        }
        assertTrue(ok >= 1995, "ok " + ok);
        assertTrue(cost.energyJ > 0 && cost.timeS > 0 && cost.pulses > 0);
        long stuck = wv.program(0, 40, 0, r, cost, null);
        assertEquals(WriteVerify.Outcome.STUCK, WriteVerify.outcome(stuck));
        assertEquals(0, WriteVerify.level(stuck));
        assertTrue(WriteVerify.pulses(stuck) < t.programming().maxPulses());
        // a device stuck exactly at its target passes verify: nothing to detect
        assertEquals(WriteVerify.Outcome.OK, WriteVerify.outcome(wv.program(0, 0, 0, r, cost, null)));
    }

    @Test
    void largeNUsesTheDirectStochasticMssPath() {
        WriteVerify wv = new WriteVerify(dev(300), t.programming());
        SplittableRandom r = new SplittableRandom(5);
        long res = wv.program(0, 150, -1, r, new WriteVerify.Cost(), null);
        assertEquals(WriteVerify.Outcome.OK, WriteVerify.outcome(res));
        assertEquals(150, WriteVerify.level(res));
    }
}
