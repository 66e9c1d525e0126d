package io.memtile.sim;

import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.progress.Progress;
import io.memtile.core.target.NonIdealities;
import io.memtile.datasets.Dataset;
import io.memtile.sim.calib.Calibration;
import io.memtile.sim.calib.CalibrationReport;
import io.memtile.sim.chip.ChipInstance;
import io.memtile.sim.chip.ChipNetwork;
import io.memtile.sim.chip.LayerOperator;
import io.memtile.sim.engine.EngineSpec;
import io.memtile.sim.engine.LaneSampleEngine;
import io.memtile.sim.engine.SampleEngine;
import io.memtile.sim.engine.StepObserver;
import io.memtile.sim.engine.SimArrays;
import io.memtile.sim.engine.Trace;
import io.memtile.sim.ann.AnnBaselineRun;
import io.memtile.sim.monitor.SampleMonitor;
import io.memtile.sim.resume.PassState;
import io.memtile.sim.resume.SimCheckpointer;
import io.memtile.sim.result.SimResult;
import io.memtile.trainer.decision.EarlyDecisionRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cycle-level execution of a compiled {@link TileProgram} on a dataset: builds one chip instance
 * (static non-idealities), reduces its tiles to per-layer transfers, then runs every sample step by
 * step on all threads and measures accuracy, spiking activity, energy by source and tile, latency.
 */
public final class Simulator {
    public static final String VERSION = "0.1.0";

    private Simulator() {}

    /** The result of one pass over the samples with one non-ideality configuration. */
    /** @param cpuSeconds CPU time of the worker threads (robust to other load on the machine, for benchmarks) */
    /** @param calibration what calibration measured and set, or null when the chip was not calibrated */
    public record Pass(EngineSpec spec, SimArrays arrays, Trace trace, double wallSeconds, double setupSeconds,
                       ChipInstance chip, double cpuSeconds, CalibrationReport calibration) {}

    public static SimResult run(TileProgram p, Dataset d, SimOptions o) { return run(p, d, o, EarlyDecisionRule.DEFAULT); }

    /** As {@link #run(TileProgram, Dataset, SimOptions)} with an explicit early-decision rule. */
    public static SimResult run(TileProgram p, Dataset d, SimOptions o, EarlyDecisionRule rule) { return run(p, d, o, rule, null); }

    /**
     * As above, saving progress through {@code ck} (null = no checkpoint) and continuing whatever it
     * restored: finished extra passes are not run again, a partial pass continues at its first
     * unfinished sample.
     */
    public static SimResult run(TileProgram p, Dataset d, SimOptions o, EarlyDecisionRule rule, SimCheckpointer ck) {
        ProgramChecks.check(p, o.programPath().isEmpty() ? "program" : o.programPath());
        ProgramChecks.checkDataset(p, d, o.datasetSpec().isEmpty() ? d.name() : o.datasetSpec());
        int n = samples(d, o);
        int traceSample = o.traceSample() >= 0 && o.traceSample() < n ? o.traceSample() : -1;
        Pass main = pass(p, d, n, o.nonIdealities(), o, traceSample, o.progress(), rule, SimCheckpointer.MAIN, ck);
        // extra passes follow: keep the finished main pass so that a kill during them does not repeat it
        if (ck != null && (o.ablation() || o.driftHorizons())) ck.save(SimCheckpointer.MAIN, main.arrays(), n, main.wallSeconds(), main.cpuSeconds());
        List<SimResult.AblationRow> ablation = null;
        if (o.ablation()) ablation = ablation(p, d, n, o, main, ck);
        SimResult.AnnBaseline ann = AnnBaselineRun.run(p, main.spec(), d, n, p.target().adc().bits());
        List<SimResult.DriftRow> horizons = o.driftHorizons() ? driftHorizons(p, d, n, o, ck) : null;
        return Results.assemble(p, d, n, o, main, ablation, rule, ann, horizons);
    }

    /** Samples a run covers: the first {@code limit} of the dataset, or all. */
    public static int samples(Dataset d, SimOptions o) {
        return o.limit() > 0 ? Math.min(o.limit(), d.size()) : d.size();
    }

    /** Runs samples [0, n) with non-idealities {@code ni}. */
    public static Pass pass(TileProgram p, Dataset d, int n, NonIdealities ni, SimOptions o, int traceSample,
                            java.io.PrintStream progressOut) {
        return pass(p, d, n, ni, o, traceSample, progressOut, EarlyDecisionRule.DEFAULT);
    }

    /** As above, with the early-decision rule the per-step monitor applies. */
    public static Pass pass(TileProgram p, Dataset d, int n, NonIdealities ni, SimOptions o, int traceSample,
                            java.io.PrintStream progressOut, EarlyDecisionRule rule) {
        return pass(p, d, n, ni, o, traceSample, progressOut, rule, SimCheckpointer.MAIN, null);
    }

    /** Samples per checkpoint chunk and worker: long enough that the barrier's idle tail costs < 1 %. */
    static final int CHUNK_PER_THREAD = 128;

    /**
     * As above; with a checkpointer, pass {@code key} continues from what it restored and runs in
     * chunks whose boundaries are consistent snapshots (every sample below the boundary done, none
     * above it started), where the checkpointer may save.
     */
    public static Pass pass(TileProgram p, Dataset d, int n, NonIdealities ni, SimOptions o, int traceSample,
                            java.io.PrintStream progressOut, EarlyDecisionRule rule, String key, SimCheckpointer ck) {
        long t0 = System.nanoTime();
        ChipInstance chip = ChipInstance.build(p, ni, o.seed());
        LayerOperator[] ops = ChipNetwork.build(chip, ni.wireResistance(), ni.driftTau() > 0, ni.readNoiseSigma() > 0, o.threads());
        CalibrationReport cal = null;
        if (o.calibrate()) {
            Calibration.Result cr = Calibration.run(p, ops, ni, o.calibrationAgeS() < 0 ? o.driftAgeS() : o.calibrationAgeS(), o.seed(), o.threads());
            ops = cr.ops();
            cal = cr.report();
        }
        EngineSpec spec = new EngineSpec(p, ops, ni, o.driftAgeS(), o.seed());
        double setup = (System.nanoTime() - t0) / 1e9;
        SimArrays arrays = new SimArrays(spec, n);
        Trace trace = traceSample >= 0 ? new Trace(watchList(spec), spec.widths, spec.steps, spec.tiles) : null;
        PassState restored = ck == null ? null : ck.restored(key);
        int start = 0;
        double wallBefore = 0, cpuBefore = 0;
        if (restored != null) {
            restored.restoreInto(arrays, ck.file().toString());
            start = restored.done();
            wallBefore = restored.wallSeconds();
            cpuBefore = restored.cpuSeconds();
            if (progressOut != null) progressOut.printf(java.util.Locale.ROOT, "resuming %s at sample %d of %d from %s%n", key, start, n, ck.file());
            if (trace != null && traceSample < start) {
                // the traced sample finished before the kill; its outputs are restored, its traces are not
                // saved (they are large): running it again into scratch arrays reproduces them exactly
                SampleEngine eng = new SampleEngine(spec, new SampleMonitor(spec, rule));
                if (d.isEvents()) {
                    eng.run(traceSample, d.frames(), traceSample, new SimArrays(spec, n), trace);
                } else {
                    double[] x = new double[d.dim()];
                    d.sample(traceSample, x);
                    eng.run(traceSample, x, new SimArrays(spec, n), trace);
                }
            }
        }
        Progress progress = progressOut == null ? null : new Progress("simulate", n - start, "samples", progressOut);
        AtomicInteger next = new AtomicInteger(start);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int threads = Math.max(1, Math.min(o.threads(), n));
        long t1 = System.nanoTime();
        java.util.concurrent.atomic.DoubleAdder cpu = new java.util.concurrent.atomic.DoubleAdder();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        // Without a checkpointer the whole pass is one chunk. With one, every chunk boundary is a barrier:
        // all samples below it are finished and none above it has started, so a snapshot there is exact.
        int chunk = ck == null ? n : threads * CHUNK_PER_THREAD;
        int[] limit = {Math.min(n, start + chunk)};
        final double wb = wallBefore, cb = cpuBefore;
        CyclicBarrier barrier = new CyclicBarrier(threads, () -> {
            int done = limit[0];
            limit[0] = Math.min(n, done + chunk);
            if (ck != null && ck.due()) ck.save(key, arrays, done, wb + (System.nanoTime() - t1) / 1e9, cb + cpu.sum());
        });
        // groups of consecutive samples run as lanes (LaneSampleEngine, bit-identical per sample); the
        // traced sample's group and single-sample groups run through SampleEngine. A group never crosses a
        // chunk boundary, so the snapshots stay exact.
        final int lanes = lanesEnabled() ? LaneSampleEngine.defaultLanes() : 1;
        Runnable worker = () -> {
            long c0 = mx.getCurrentThreadCpuTime();
            try {
                SampleEngine eng = new SampleEngine(spec, new SampleMonitor(spec, rule));
                LaneSampleEngine laneEng = null;
                // event input drives layer 0 per bin (Layer0Drive), which only the one-sample engine does
                if (lanes > 1 && !d.isEvents()) {
                    StepObserver[] mons = new StepObserver[lanes];
                    for (int b = 0; b < lanes; b++) mons[b] = new SampleMonitor(spec, rule);
                    laneEng = new LaneSampleEngine(spec, lanes, mons);
                }
                double[] x = new double[d.dim()];
                double[][] xs = new double[lanes][d.dim()];
                int[] idx = new int[lanes];
                while (failure.get() == null) {
                    int i0 = next.get();
                    if (i0 >= n) break;
                    if (i0 >= limit[0]) {
                        long c1 = mx.getCurrentThreadCpuTime();
                        cpu.add((c1 - c0) / 1e9);
                        c0 = c1;
                        barrier.await();
                        continue;
                    }
                    int cnt = Math.min(lanes, limit[0] - i0);
                    if (!next.compareAndSet(i0, i0 + cnt)) continue;
                    boolean traced = traceSample >= i0 && traceSample < i0 + cnt;
                    if (laneEng == null || traced || cnt == 1) {
                        for (int i = i0; i < i0 + cnt; i++) {
                            if (d.isEvents()) {
                                eng.run(i, d.frames(), i, arrays, i == traceSample ? trace : null);
                            } else {
                                d.sample(i, x);
                                eng.run(i, x, arrays, i == traceSample ? trace : null);
                            }
                            SimDivergence.check(p, arrays, i);
                            if (progress != null) progress.advance(1);
                        }
                    } else {
                        for (int b = 0; b < cnt; b++) {
                            idx[b] = i0 + b;
                            d.sample(i0 + b, xs[b]);
                        }
                        laneEng.run(idx, xs, cnt, arrays);
                        for (int b = 0; b < cnt; b++) SimDivergence.check(p, arrays, i0 + b);
                        if (progress != null) progress.advance(cnt);
                    }
                }
            } catch (BrokenBarrierException e) {
                // another worker failed and broke the barrier: its failure is the one reported
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                barrier.reset();
            }
            cpu.add((mx.getCurrentThreadCpuTime() - c0) / 1e9);
        };
        Thread[] ts = new Thread[threads];
        for (int k = 0; k < threads; k++) {
            ts[k] = new Thread(worker, "sim-" + k);
            ts[k].start();
        }
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (failure.get() != null) {
            Throwable e = failure.get();
            if (e instanceof RuntimeException re) throw re;
            if (e instanceof Error er) throw er;
            throw new IllegalStateException(e);
        }
        double wall = wallBefore + (System.nanoTime() - t1) / 1e9;
        return new Pass(spec, arrays, trace, wall, setup, chip, cpuBefore + cpu.sum(), cal);
    }

    /** System property that turns the lane engine off ("off"/"false") for A/B runs; results are the same bits. */
    public static final String LANES_PROPERTY = "memtile.sim.lanes";

    /**
     * Whether samples run as lanes ({@link LaneSampleEngine}): needs the SIMD kernel (jdk.incubator.vector,
     * and not -Dmemtile.simd=off) and is on unless -Dmemtile.sim.lanes=off; otherwise SampleEngine runs.
     */
    static boolean lanesEnabled() {
        String v = System.getProperty(LANES_PROPERTY, "on").trim().toLowerCase(java.util.Locale.ROOT);
        return !(v.equals("off") || v.equals("false") || v.equals("0")) && io.memtile.physics.mif.lanes.LaneKernels.simdEnabled();
    }

    /** Output neurons (up to 10) and the first 4 neurons of every hidden layer. */
    private static int[][] watchList(EngineSpec s) {
        List<int[]> w = new ArrayList<>();
        for (int l = 0; l < s.depth - 1; l++) for (int j = 0; j < Math.min(4, s.widths[l + 1]); j++) w.add(new int[] {l, j});
        for (int j = 0; j < Math.min(10, s.classes()); j++) w.add(new int[] {s.depth - 1, j});
        return w.toArray(new int[0][]);
    }

    static double accuracy(SimArrays a, Dataset d) {
        int ok = 0;
        for (int i = 0; i < a.n; i++) if (a.predicted[i] == d.label(i)) ok++;
        return a.n == 0 ? 0 : (double) ok / a.n;
    }

    private static List<SimResult.AblationRow> ablation(TileProgram p, Dataset d, int n, SimOptions o, Pass main, SimCheckpointer ck) {
        NonIdealities all = o.nonIdealities();
        // A program compiled with the IR-drop pass (layers[].irGain) is designed for its resistive wires: its
        // targets pre-distort the weights so that the IR drop undoes it. Simulating it with ideal wires is not
        // the ideal chip but a mis-designed one, so for such a program the wires stay on in every row and the
        // baseline is "IR drop only" (the designed chip with every other non-ideality off).
        boolean designIr = all.wireResistance() && p.layers().stream().anyMatch(l -> l.irGain() != null);
        String with = designIr ? " (+ IR drop)" : "";
        NonIdealities off = designIr ? new NonIdealities(0, 0, 0, 0, 0, true, 0) : NonIdealities.ideal();
        List<Object[]> cfgs = new ArrayList<>();
        cfgs.add(new Object[] {designIr ? "IR drop only (designed-for wires, all else off)" : "all off", off});
        if (all.d2dSigma() > 0) cfgs.add(new Object[] {"d2d only" + with, new NonIdealities(all.d2dSigma(), 0, 0, 0, 0, designIr, 0)});
        if (all.readNoiseSigma() > 0) cfgs.add(new Object[] {"read noise only" + with, new NonIdealities(0, all.readNoiseSigma(), 0, 0, 0, designIr, 0)});
        if (all.stuckAtRate() > 0) cfgs.add(new Object[] {"stuck-at only" + with, new NonIdealities(0, 0, all.stuckAtRate(), all.stuckOnFraction(), 0, designIr, 0)});
        if (all.fieldFailureRate() > 0) cfgs.add(new Object[] {"field failures only" + with, off.withFieldFailureRate(all.fieldFailureRate())});
        if (all.driftTau() > 0) cfgs.add(new Object[] {"drift only" + with, new NonIdealities(0, 0, 0, 0, all.driftTau(), designIr, 0)});
        if (all.wireResistance() && !designIr) cfgs.add(new Object[] {"IR drop only", new NonIdealities(0, 0, 0, 0, 0, true, 0)});
        cfgs.add(new Object[] {"all on", all});
        List<SimResult.AblationRow> rows = new ArrayList<>();
        Set<NonIdealities> seen = new HashSet<>();
        for (Object[] c : cfgs) {
            NonIdealities ni = (NonIdealities) c[1];
            if (!seen.add(ni)) continue;
            double acc;
            if (ni.equals(o.nonIdealities())) {
                acc = accuracy(main.arrays(), d);
            } else {
                if (o.progress() != null) o.progress().println("ablation: " + c[0]);
                acc = extraPass("ablation:" + c[0], p, d, n, ni, o, ck);
            }
            rows.add(new SimResult.AblationRow((String) c[0], ni.d2dSigma() > 0, ni.readNoiseSigma() > 0, ni.stuckAtRate() > 0 || ni.fieldFailureRate() > 0,
                    ni.driftTau() > 0, ni.wireResistance(), n, acc));
        }
        return rows;
    }

    /**
     * Accuracy of one extra pass (an ablation row, a drift horizon): taken from the checkpoint if the
     * pass finished before a kill, else run (continuing a partial one) and recorded there.
     */
    private static double extraPass(String key, TileProgram p, Dataset d, int n, NonIdealities ni, SimOptions o, SimCheckpointer ck) {
        int correct = ck == null ? -1 : ck.finishedCorrect(key, n);
        if (correct < 0) {
            SimArrays a = pass(p, d, n, ni, o, -1, null, EarlyDecisionRule.DEFAULT, key, ck).arrays();
            correct = 0;
            for (int i = 0; i < a.n; i++) if (a.predicted[i] == d.label(i)) correct++;
            if (ck != null) ck.finish(key, n, correct);
        }
        return n == 0 ? 0 : (double) correct / n;
    }

    /** Array ages of the drift-horizon table. */
    static final double[] HORIZON_AGES = {1, 3600, 86400, 30 * 86400, 365 * 86400};
    static final String[] HORIZON_LABELS = {"1 s", "1 h", "1 day", "1 month", "1 year"};

    /**
     * Accuracy after each horizon age with the chip calibrated once at programming (age 0: drift not
     * compensated) and recalibrated at that age (drift compensated by the gain trim).
     */
    static List<SimResult.DriftRow> driftHorizons(TileProgram p, Dataset d, int n, SimOptions o, SimCheckpointer ck) {
        NonIdealities ni = o.nonIdealities();
        if (!(ni.driftTau() > 0)) {
            throw new io.memtile.core.MemtileException("--drift-horizons", null, "drift is off: give a time constant, e.g. --drift 3e8");
        }
        List<SimResult.DriftRow> rows = new ArrayList<>();
        for (int k = 0; k < HORIZON_AGES.length; k++) {
            if (o.progress() != null) o.progress().println("drift horizon: " + HORIZON_LABELS[k]);
            SimOptions at = o.withDriftAge(HORIZON_AGES[k]);
            double once = extraPass("drift:" + HORIZON_LABELS[k] + ":calibrated at programming", p, d, n, ni, at.withCalibration(true, 0), ck);
            double re = extraPass("drift:" + HORIZON_LABELS[k] + ":recalibrated", p, d, n, ni, at.withCalibration(true, -1), ck);
            rows.add(new SimResult.DriftRow(HORIZON_LABELS[k], HORIZON_AGES[k], ni.driftTau(), n, once, re));
        }
        return rows;
    }

    /** Tiles' used cells, rows, columns and weight layers. */
    static long[] tileUsage(TileImage tile, Set<Integer> layersOut) {
        Set<Integer> rows = new TreeSet<>(), cols = new TreeSet<>();
        long cells = 0;
        for (Block b : tile.blocks()) {
            layersOut.add(b.layer());
            for (int r : b.rows()) rows.add(r);
            for (int c : b.plusCols()) cols.add(c);
            for (int c : b.minusCols()) cols.add(c);
            cells += 2L * b.inCount() * b.outCount();
        }
        return new long[] {cells, rows.size(), cols.size()};
    }
}
