package io.memtile.report;

import io.memtile.core.target.NonIdealities;
import io.memtile.sim.result.SimResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-built, fully deterministic sim.json for a 784-100-10 network on 10 paper-65nm tiles
 * (numbers of plausible magnitude; the tests check the arithmetic on them, not the physics).
 */
final class SimFixtures {
    private SimFixtures() {}

    static SimResult paper784() {
        int steps = 1000;
        double dt = 1e-5;
        double tInf = steps * dt;
        List<SimResult.TileEnergy> tiles = new ArrayList<>();
        double arrayTotal = 0;
        double neuronTotal = 0;
        for (int i = 0; i < 10; i++) {
            long cells = i < 9 ? 16384 : 11344;
            double arrayJ = 1e-9 * (10 + i);     // 10..19 nJ
            double neuronJ = i < 2 ? 2e-9 : 0;   // neurons homed on tiles 0 and 1
            arrayTotal += arrayJ;
            neuronTotal += neuronJ;
            tiles.add(new SimResult.TileEnergy(i, new int[] {i < 8 ? 0 : 1}, cells, arrayJ, neuronJ, arrayJ + neuronJ, (arrayJ + neuronJ) / tInf));
        }
        double alphaJ = 120e-9;
        double crossbarJ = arrayTotal - alphaJ;
        double m1 = 1.5e-9;
        double m2 = 1.0e-9;
        double cap = neuronTotal - m1 - m2;
        double total = alphaJ + crossbarJ + m1 + m2 + cap;
        SimResult.Energy e = new SimResult.Energy(alphaJ, crossbarJ, m1, m2, cap, total, new double[] {alphaJ, crossbarJ}, true);
        double[] perStep1 = new double[steps];
        double[] perStep2 = new double[steps];
        for (int s = 0; s < steps; s++) { perStep1[s] = (s % 100) < 5 ? 0.2 : 0.01; perStep2[s] = (s % 100) < 5 ? 0.3 : 0.0; }
        List<SimResult.LayerActivity> act = List.of(
                new SimResult.LayerActivity(1, 100, 0.0195, 1950, perStep1),
                new SimResult.LayerActivity(2, 10, 0.015, 150, perStep2));
        SimResult.Distribution first = new SimResult.Distribution(20, 0, 1.2e-3, 1.1e-3, 1.9e-3, 2.5e-3, 0.6e-3, 2.6e-3);
        SimResult.Distribution decision = new SimResult.Distribution(20, 0, 3.4e-3, 3.0e-3, 6.0e-3, 8.0e-3, 1.0e-3, 8.5e-3);
        int[][] conf = new int[10][10];
        for (int i = 0; i < 10; i++) conf[i][i] = 2;
        conf[3][5] = 1;
        conf[3][3] = 1;
        SimResult.Accuracy acc = new SimResult.Accuracy(20, 19, 0.95, conf);
        SimResult.Provenance pv = new SimResult.Provenance("prog", "ab12", "model.json", "cd34", "paper-65nm", 7, "embedded:mnist",
                "embedded-mnist/test", "ef56", 20, 20, 42, new NonIdealities(0.05, 0.01, 0.001, 0.5, 0, true, 0), 0, "0.1.0");
        SimResult.Topology topo = new SimResult.Topology(new int[] {784, 100, 10}, 10, 128, 128, 158_800, 784 + 7 * 100, 200 + 20 * 1, 110,
                steps, dt, "EXPONENTIAL", "SUM_LOG_SOFTMAX");
        SimResult.Operating op = new SimResult.Operating(2.1e-4, 0.021, 0.034, 1.1e-10, new double[] {0.02, 0.045}, new double[] {2.0e-4, 3.1e-4});
        SimResult.AdcCounts counts = new SimResult.AdcCounts(10_000, 2_000, 220L * steps, 884L * steps);
        // Traces: a tiny deterministic raster and two membrane traces.
        int[][] r1 = new int[100][];
        for (int n = 0; n < 100; n++) r1[n] = n % 7 == 0 ? new int[] {n, n + 100, n + 300} : new int[0];
        int[][] r2 = new int[10][];
        for (int n = 0; n < 10; n++) r2[n] = n == 3 ? new int[] {150, 250, 350, 450} : new int[] {n * 90};
        double[] v1 = new double[steps];
        double[] v2 = new double[steps];
        for (int s = 0; s < steps; s++) { v1[s] = 0.05 * Math.exp(-(s % 100) / 30.0); v2[s] = 0.03 + 0.02 * Math.sin(s / 40.0); }
        double[][] tp = new double[10][steps];
        for (int i = 0; i < 10; i++) for (int s = 0; s < steps; s++) tp[i][s] = tiles.get(i).averagePowerW() * (1 + 0.5 * Math.cos(s / 16.0));
        SimResult.Traces tr = new SimResult.Traces(3, 3, 5, dt, List.of(new SimResult.Raster(1, r1), new SimResult.Raster(2, r2)),
                List.of(new SimResult.MembraneTrace(1, 0, v1), new SimResult.MembraneTrace(2, 3, v2)), tp);
        List<SimResult.LayerActionPotentials> aps = List.of(new SimResult.LayerActionPotentials(1, 100, 0.25, 0.004),
                new SimResult.LayerActionPotentials(2, 10, 0.6, 0.011));
        // early decision: 60 % of the full energy by source, decided on 18 of 20 samples, one more error
        double f = 0.6;
        SimResult.Energy eEarly = new SimResult.Energy(f * alphaJ, f * crossbarJ, f * m1, f * m2, f * cap, f * total,
                new double[] {f * alphaJ, f * crossbarJ}, true);
        int[][] confEarly = new int[10][10];
        for (int i = 0; i < 10; i++) confEarly[i][i] = 2;
        confEarly[3][5] = 1;
        confEarly[3][3] = 1;
        confEarly[7][7] = 1;
        confEarly[7][1] = 1;
        SimResult.EarlyDecision early = new SimResult.EarlyDecision(40, 20, 18, new SimResult.Accuracy(20, 18, 0.9, confEarly),
                new SimResult.Distribution(20, 0, 6.0e-3, 5.5e-3, 9.0e-3, 1.0e-2, 2.0e-3, 1.0e-2), eEarly);
        int[][] confAnn = new int[10][10];
        for (int i = 0; i < 10; i++) confAnn[i][i] = 2;
        SimResult.AnnBaseline ann = new SimResult.AnnBaseline(8, new SimResult.Accuracy(20, 20, 1.0, confAnn),
                new double[] {0.012, 0.0009}, new long[] {1568, 100}, new long[] {200, 20});
        return new SimResult(SimResult.SCHEMA_VERSION, pv, topo, acc, act, e, tiles, total / tInf, tInf,
                new SimResult.Latency(first, decision), op, counts, null, tr, new SimResult.Run(2.0, 10.0, 2, 0.3), aps, early, ann, null, null);
    }
}
