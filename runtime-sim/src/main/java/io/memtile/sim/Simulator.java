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
import io.memtile.sim.engine.SampleEngine;
import io.memtile.sim.engine.SimArrays;
import io.memtile.sim.engine.Trace;
import io.memtile.sim.ann.AnnBaselineRun;
import io.memtile.sim.monitor.SampleMonitor;
import io.memtile.sim.result.SimResult;
import io.memtile.trainer.decision.EarlyDecisionRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
    public static SimResult run(TileProgram p, Dataset d, SimOptions o, EarlyDecisionRule rule) {
        ProgramChecks.check(p, o.programPath().isEmpty() ? "program" : o.programPath());
        ProgramChecks.checkDataset(p, d, o.datasetSpec().isEmpty() ? d.name() : o.datasetSpec());
        int n = o.limit() > 0 ? Math.min(o.limit(), d.size()) : d.size();
        int traceSample = o.traceSample() >= 0 && o.traceSample() < n ? o.traceSample() : -1;
        Pass main = pass(p, d, n, o.nonIdealities(), o, traceSample, o.progress(), rule);
        List<SimResult.AblationRow> ablation = null;
        if (o.ablation()) ablation = ablation(p, d, n, o, main);
        SimResult.AnnBaseline ann = AnnBaselineRun.run(p, main.spec(), d, n, p.target().adc().bits());
        List<SimResult.DriftRow> horizons = o.driftHorizons() ? driftHorizons(p, d, n, o) : null;
        return Results.assemble(p, d, n, o, main, ablation, rule, ann, horizons);
    }

    /** Runs samples [0, n) with non-idealities {@code ni}. */
    public static Pass pass(TileProgram p, Dataset d, int n, NonIdealities ni, SimOptions o, int traceSample,
                            java.io.PrintStream progressOut) {
        return pass(p, d, n, ni, o, traceSample, progressOut, EarlyDecisionRule.DEFAULT);
    }

    /** As above, with the early-decision rule the per-step monitor applies. */
    public static Pass pass(TileProgram p, Dataset d, int n, NonIdealities ni, SimOptions o, int traceSample,
                            java.io.PrintStream progressOut, EarlyDecisionRule rule) {
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
        Progress progress = progressOut == null ? null : new Progress("simulate", n, "samples", progressOut);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int threads = Math.max(1, Math.min(o.threads(), n));
        long t1 = System.nanoTime();
        java.util.concurrent.atomic.DoubleAdder cpu = new java.util.concurrent.atomic.DoubleAdder();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Runnable worker = () -> {
            long c0 = mx.getCurrentThreadCpuTime();
            try {
                SampleEngine eng = new SampleEngine(spec, new SampleMonitor(spec, rule));
                double[] x = new double[d.dim()];
                for (int i; (i = next.getAndIncrement()) < n && failure.get() == null; ) {
                    if (d.isEvents()) {
                        eng.run(i, d.frames(), i, arrays, i == traceSample ? trace : null);
                    } else {
                        d.sample(i, x);
                        eng.run(i, x, arrays, i == traceSample ? trace : null);
                    }
                    SimDivergence.check(p, arrays, i);
                    if (progress != null) progress.advance(1);
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
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
        double wall = (System.nanoTime() - t1) / 1e9;
        return new Pass(spec, arrays, trace, wall, setup, chip, cpu.sum(), cal);
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

    private static List<SimResult.AblationRow> ablation(TileProgram p, Dataset d, int n, SimOptions o, Pass main) {
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
                acc = accuracy(pass(p, d, n, ni, o, -1, null).arrays(), d);
            }
            rows.add(new SimResult.AblationRow((String) c[0], ni.d2dSigma() > 0, ni.readNoiseSigma() > 0, ni.stuckAtRate() > 0 || ni.fieldFailureRate() > 0,
                    ni.driftTau() > 0, ni.wireResistance(), n, acc));
        }
        return rows;
    }

    /** Array ages of the drift-horizon table. */
    static final double[] HORIZON_AGES = {1, 3600, 86400, 30 * 86400, 365 * 86400};
    static final String[] HORIZON_LABELS = {"1 s", "1 h", "1 day", "1 month", "1 year"};

    /**
     * Accuracy after each horizon age with the chip calibrated once at programming (age 0: drift not
     * compensated) and recalibrated at that age (drift compensated by the gain trim).
     */
    static List<SimResult.DriftRow> driftHorizons(TileProgram p, Dataset d, int n, SimOptions o) {
        NonIdealities ni = o.nonIdealities();
        if (!(ni.driftTau() > 0)) {
            throw new io.memtile.core.MemtileException("--drift-horizons", null, "drift is off: give a time constant, e.g. --drift 3e8");
        }
        List<SimResult.DriftRow> rows = new ArrayList<>();
        for (int k = 0; k < HORIZON_AGES.length; k++) {
            if (o.progress() != null) o.progress().println("drift horizon: " + HORIZON_LABELS[k]);
            SimOptions at = o.withDriftAge(HORIZON_AGES[k]);
            double once = accuracy(pass(p, d, n, ni, at.withCalibration(true, 0), -1, null).arrays(), d);
            double re = accuracy(pass(p, d, n, ni, at.withCalibration(true, -1), -1, null).arrays(), d);
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
