package io.memtile.sim;

import io.memtile.compiler.program.TileProgram;
import io.memtile.datasets.Dataset;
import io.memtile.sim.chip.LayerOperator;
import io.memtile.sim.engine.EngineSpec;
import io.memtile.sim.engine.SampleEngine;
import io.memtile.sim.engine.SimArrays;
import io.memtile.sim.engine.Trace;
import io.memtile.sim.monitor.MonitorArrays;
import io.memtile.sim.result.SimResult;
import io.memtile.trainer.decision.EarlyDecisionRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reduces a {@link Simulator.Pass} (per-sample arrays, in sample order) into a {@link SimResult}. */
final class Results {
    private Results() {}

    static SimResult assemble(TileProgram p, Dataset d, int n, SimOptions o, Simulator.Pass main,
                              List<SimResult.AblationRow> ablation, EarlyDecisionRule rule, SimResult.AnnBaseline ann,
                              List<SimResult.DriftRow> horizons) {
        EngineSpec s = main.spec();
        SimArrays a = main.arrays();
        int depth = s.depth, steps = s.steps, tiles = s.tiles, classes = s.classes();
        double inferenceTime = steps * s.dt;

        // accuracy
        int[][] confusion = new int[classes][classes];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int y = d.label(i), k = a.predicted[i];
            confusion[y][k]++;
            if (y == k) correct++;
        }
        SimResult.Accuracy acc = new SimResult.Accuracy(n, correct, n == 0 ? 0 : (double) correct / n, confusion);

        // activity
        List<SimResult.LayerActivity> activity = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            int w = s.widths[l + 1];
            double[] per = new double[steps];
            long total = 0;
            for (int t = 0; t < steps; t++) {
                per[t] = (double) a.spikeCounts[l][t] / ((double) n * w);
                total += a.spikeCounts[l][t];
            }
            activity.add(new SimResult.LayerActivity(l + 1, w, (double) total / ((double) n * w * steps), (double) total / n, per));
        }

        // energy (mean per inference; summed in sample order so the figure does not depend on threads)
        int slots = a.energySlots;
        double[] mean = new double[slots];
        for (int i = 0; i < n; i++) for (int k = 0; k < slots; k++) mean[k] += a.energy[i * slots + k];
        for (int k = 0; k < slots; k++) mean[k] /= n;
        double alphaJ = mean[SampleEngine.E_ALPHA], xbarJ = mean[SampleEngine.E_CROSSBAR];
        double m1 = mean[SampleEngine.E_M1], m2 = mean[SampleEngine.E_M2], cap = mean[SampleEngine.E_CAP];
        double total = alphaJ + xbarJ + m1 + m2 + cap;
        double[] byLayer = Arrays.copyOfRange(mean, SampleEngine.E_LAYERS, SampleEngine.E_LAYERS + depth);
        SimResult.Energy energy = energy(mean, depth);

        // tiles
        List<SimResult.TileEnergy> tileList = new ArrayList<>();
        long usedRows = 0, usedCols = 0, cellsUsed = 0;
        for (int t = 0; t < tiles; t++) {
            Set<Integer> layers = new TreeSet<>();
            long[] u = Simulator.tileUsage(p.tiles().get(t), layers);
            cellsUsed += u[0];
            usedRows += u[1];
            usedCols += u[2];
            double arr = mean[SampleEngine.E_LAYERS + depth + t], neu = mean[SampleEngine.E_LAYERS + depth + tiles + t];
            tileList.add(new SimResult.TileEnergy(p.tiles().get(t).id(), layers.stream().mapToInt(Integer::intValue).toArray(),
                    u[0], arr, neu, arr + neu, (arr + neu) / inferenceTime));
        }

        // latency
        double[] fs = new double[n], dec = new double[n];
        int nf = 0;
        for (int i = 0; i < n; i++) {
            if (a.firstSpikeStep[i] >= 0) fs[nf++] = (a.firstSpikeStep[i] + 1) * s.dt;
            dec[i] = (a.decisionStep[i] + 1) * s.dt;
        }
        SimResult.Latency latency = new SimResult.Latency(distribution(Arrays.copyOf(fs, nf), n - nf), distribution(dec, 0));

        // operating point
        double gSum = 0, absSum = 0, sqSum = 0, rowSteps = 0;
        double[] absByLayer = new double[depth], gByLayer = new double[depth], over = new double[depth];
        long cellsOps = 0;
        for (int l = 0; l < depth; l++) {
            LayerOperator op = s.ops[l];
            gSum += op.meanCellG() * op.cellsUsed();
            cellsOps += op.cellsUsed();
            gByLayer[l] = op.meanCellG();
            double la = 0, ls = 0;
            for (int i = 0; i < n; i++) {
                la += a.rowStats[(i * depth + l) * SimArrays.ROW_STATS];
                ls += a.rowStats[(i * depth + l) * SimArrays.ROW_STATS + 1];
                over[l] += a.rowStats[(i * depth + l) * SimArrays.ROW_STATS + 2];
            }
            double cnt = (double) op.rowInput().length * steps * n;
            absByLayer[l] = cnt == 0 ? 0 : la / cnt;
            absSum += la;
            sqSum += ls;
            rowSteps += cnt;
        }
        double meanG = cellsOps == 0 ? 0 : gSum / cellsOps;
        double cellPower = cellsOps == 0 ? 0 : (alphaJ + xbarJ) / (cellsOps * inferenceTime);
        double[] refs = null;
        for (int l = 0; l < depth; l++) {
            if (!s.ops[l].bitlineRef()) continue;
            if (refs == null) refs = new double[depth];
            refs[l] = s.ops[l].vRef();
        }
        // read limit: membrane-driven layers are counted by the engines per (input, step); the alpha layer's bound is static
        double alphaMax = 0;
        for (double x : s.alpha) alphaMax = Math.max(alphaMax, Math.abs(x));
        double alphaPeak = s.inputAmplitude * alphaMax;
        double[] overShare = new double[depth];
        for (int l = 0; l < depth; l++) {
            if (l == 0) {
                overShare[0] = alphaPeak <= s.readVoltageMax ? 0 : -1;
            } else {
                double pairs = (double) s.ops[l].inputs() * steps * n;
                overShare[l] = pairs == 0 ? 0 : over[l] / pairs;
            }
        }
        SimResult.Operating op = new SimResult.Operating(meanG, rowSteps == 0 ? 0 : absSum / rowSteps,
                rowSteps == 0 ? 0 : Math.sqrt(sqSum / rowSteps), cellPower, absByLayer, gByLayer, refs,
                s.readVoltageMax, alphaPeak, overShare);

        SimResult.AdcCounts adc = new SimResult.AdcCounts((long) tiles * steps, (long) depth * steps, usedCols * steps,
                usedRows * steps);

        int neurons = 0;
        for (int l = 1; l <= depth; l++) neurons += s.widths[l];
        SimResult.Topology topo = new SimResult.Topology(s.widths.clone(), tiles, p.target().tile().rows(), p.target().tile().cols(),
                cellsUsed, usedRows, usedCols, neurons, steps, s.dt, p.network().integrator(), s.readout.name());

        SimResult.Provenance prov = new SimResult.Provenance(o.programPath(), o.programSha256(), p.provenance().model(),
                p.provenance().modelSha256(), p.provenance().targetName(), p.provenance().seed(),
                o.datasetSpec().isEmpty() ? d.name() : o.datasetSpec(), d.name(), d.sha256() == null ? "" : d.sha256(),
                o.limit(), n, o.seed(), o.nonIdealities(), o.driftAgeS(), Simulator.VERSION, d.isEvents() ? d.frames().bins() : null);

        SimResult.Traces traces = null;
        Trace tr = main.trace();
        if (tr != null) {
            int ts = o.traceSample();
            List<SimResult.Raster> rasters = new ArrayList<>();
            for (int l = 0; l < depth; l++) {
                List<List<Integer>> layer = tr.raster.get(l);
                int[][] steps2 = new int[layer.size()][];
                for (int j = 0; j < layer.size(); j++) steps2[j] = layer.get(j).stream().mapToInt(Integer::intValue).toArray();
                rasters.add(new SimResult.Raster(l + 1, steps2));
            }
            List<SimResult.MembraneTrace> mem = new ArrayList<>();
            int[][] watch = tr.watch();
            for (int k = 0; k < watch.length; k++) mem.add(new SimResult.MembraneTrace(watch[k][0] + 1, watch[k][1], tr.membrane[k]));
            traces = new SimResult.Traces(ts, d.label(ts), a.predicted[ts], s.dt, rasters, mem, tr.tilePower);
        }
        SimResult.Run run = new SimResult.Run(main.wallSeconds(), n / Math.max(main.wallSeconds(), 1e-9),
                Math.max(1, Math.min(o.threads(), n)), main.setupSeconds());
        return new SimResult(SimResult.SCHEMA_VERSION, prov, topo, acc, activity, energy, tileList, total / inferenceTime,
                inferenceTime, latency, op, adc, ablation, traces, run, actionPotentials(s, a.monitor), early(s, a.monitor, d, rule), ann,
                main.calibration(), horizons);
    }

    /** Energy by source from one (mean) energy record. */
    static SimResult.Energy energy(double[] rec, int depth) {
        double alphaJ = rec[SampleEngine.E_ALPHA], xbarJ = rec[SampleEngine.E_CROSSBAR];
        double m1 = rec[SampleEngine.E_M1], m2 = rec[SampleEngine.E_M2], cap = rec[SampleEngine.E_CAP];
        double[] byLayer = Arrays.copyOfRange(rec, SampleEngine.E_LAYERS, SampleEngine.E_LAYERS + depth);
        return new SimResult.Energy(alphaJ, xbarJ, m1, m2, cap, alphaJ + xbarJ + m1 + m2 + cap, byLayer, false);
    }

    static List<SimResult.LayerActionPotentials> actionPotentials(EngineSpec s, MonitorArrays m) {
        List<SimResult.LayerActionPotentials> out = new ArrayList<>();
        for (int l = 0; l < s.depth; l++) {
            long aps = 0, in = 0;
            for (int i = 0; i < m.n; i++) {
                aps += m.actionPotentials[i * s.depth + l];
                in += m.apSteps[i * s.depth + l];
            }
            double ni = (double) Math.max(1, m.n) * s.widths[l + 1];
            out.add(new SimResult.LayerActionPotentials(l + 1, s.widths[l + 1], aps / ni, in / (ni * s.steps)));
        }
        return out;
    }

    static SimResult.EarlyDecision early(EngineSpec s, MonitorArrays m, Dataset d, EarlyDecisionRule rule) {
        int n = m.n, classes = s.classes(), correct = 0, decided = 0;
        int[][] confusion = new int[classes][classes];
        double[] lat = new double[n];
        double[] mean = new double[m.energySlots];
        for (int i = 0; i < n; i++) {
            int y = d.label(i), k = m.earlyPredicted[i];
            confusion[y][k]++;
            if (y == k) correct++;
            if (m.earlyStep[i] >= 0) decided++;
            lat[i] = (m.earlyStep[i] >= 0 ? m.earlyStep[i] + 1 : s.steps) * s.dt;
            for (int k2 = 0; k2 < m.energySlots; k2++) mean[k2] += m.energyAtDecision[i * m.energySlots + k2];
        }
        for (int k = 0; k < mean.length; k++) mean[k] /= Math.max(1, n);
        SimResult.Accuracy acc = new SimResult.Accuracy(n, correct, n == 0 ? 0 : (double) correct / n, confusion);
        return new SimResult.EarlyDecision(rule.margin(), rule.holdSteps(), decided, acc, distribution(lat, 0), energy(mean, s.depth));
    }

    static SimResult.Distribution distribution(double[] v, int undefined) {
        if (v.length == 0) return new SimResult.Distribution(0, undefined, 0, 0, 0, 0, 0, 0);
        double[] s = v.clone();
        Arrays.sort(s);
        double m = 0;
        for (double x : v) m += x;
        m /= v.length;
        return new SimResult.Distribution(v.length, undefined, m, pct(s, 0.5), pct(s, 0.9), pct(s, 0.99), s[0], s[s.length - 1]);
    }

    /** Nearest-rank percentile of sorted data. */
    static double pct(double[] sorted, double q) {
        int k = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
    }
}
