package io.memtile.cli;

import io.memtile.core.json.Json;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import io.memtile.sim.Overrides;
import io.memtile.sim.SimFiles;
import io.memtile.sim.SimOptions;
import io.memtile.sim.Simulator;
import io.memtile.sim.result.SimResult;
import io.memtile.sim.resume.SimCheckpointer;
import io.memtile.sim.resume.SimFingerprint;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memtile simulate prog/ --dataset mnist --limit N --out sim.json}: cycle-level tile simulation. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Execute a compiled tile program cycle by cycle on a test set, with device and array non-idealities; writes sim.json.")
public final class SimulateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROG", description = "Compiled program directory (or its program.json).")
    Path prog;

    @Option(names = "--dataset", required = true, description = "mnist | fashion-mnist | idx:DIR | embedded:mnist | embedded:fashion-mnist (test split).")
    String dataset;

    @Option(names = "--limit", defaultValue = "0", description = "First N test samples (0 = all; default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--out", defaultValue = "sim.json", description = "Result file (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the chip instance and read noise (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--ideal", description = "Switch every non-ideality off (per-item options still apply on top).")
    boolean ideal;

    @Option(names = "--d2d", paramLabel = "on|off|SIGMA", description = "Device-to-device lognormal sigma of R_on/R_off.")
    String d2d;

    @Option(names = "--read-noise", paramLabel = "on|off|SIGMA", description = "Relative Gaussian read noise per cell and read.")
    String readNoise;

    @Option(names = "--stuck", paramLabel = "on|off|RATE", description = "Stuck-at fault rate of cells failing after programming.")
    String stuck;

    @Option(names = "--drift", paramLabel = "on|off|TAU", description = "Conductance relaxation time constant toward G_off (s).")
    String drift;

    @Option(names = "--drift-age", defaultValue = "0", description = "Array age at the first sample (s), for drift (default ${DEFAULT-VALUE}).")
    double driftAge;

    @Option(names = "--ir-drop", paramLabel = "on|off", description = "Word/bit-line wire resistance (exact per-tile transfer).")
    String irDrop;

    @Option(names = "--ablation", description = "Also measure accuracy with all off, each non-ideality alone, all on.")
    boolean ablation;

    @Option(names = "--trace-sample", defaultValue = "0", description = "Sample whose traces are kept for plots (-1 = none; default ${DEFAULT-VALUE}).")
    int traceSample;

    @Option(names = "--force", description = "replace --out even if it is not a previous memtile output of this kind (never an input)")
    boolean force;

    @Option(names = "--early-margin", description = "Early decision: required lead of the best class over the runner-up, logit units (default: "
            + io.memtile.trainer.decision.EarlyDecisionRule.DEFAULT_MARGIN + "); the same rule as eval.")
    Double earlyMargin;

    @Option(names = "--early-hold", description = "Early decision: consecutive steps the lead must hold; 0 = off (default: "
            + io.memtile.trainer.decision.EarlyDecisionRule.DEFAULT_HOLD_STEPS + ").")
    Integer earlyHold;

    @Option(names = "--no-calibrate", description = "Skip calibration after programming (by default the chip is calibrated with the target's trim; without one, measured and reported only).")
    boolean noCalibrate;

    @Option(names = "--calibration-age", defaultValue = "-1", paramLabel = "S",
            description = "Array age at calibration (s); negative = recalibrated at --drift-age, i.e. drift compensated (default ${DEFAULT-VALUE}).")
    double calibrationAge;

    @Option(names = "--drift-horizons", description = "Also measure accuracy after 1 s, 1 h, 1 day, 1 month, 1 year, calibrated at programming and recalibrated (needs --drift TAU).")
    boolean driftHorizons;

    @Option(names = "--bins", paramLabel = "K", description = "Event datasets: frames per sample, 1..steps (default: the program's provenance.inputBins, "
            + "i.e. the model's training binning, else 10).")
    Integer bins;

    @Option(names = "--resume", description = "Continue a killed run from <out>.ckpt (same program, dataset and options required; the thread count may differ).")
    boolean resume;

    @Option(names = "--checkpoint-every", defaultValue = "60", paramLabel = "S",
            description = "Seconds between checkpoints (<out>.ckpt, removed when the run finishes; default ${DEFAULT-VALUE}).")
    double checkpointEvery;

    @Override
    public Integer call() {
        if (!(driftAge >= 0) || Double.isInfinite(driftAge)) throw new IllegalArgumentException("--drift-age must be a finite number of seconds >= 0, got " + driftAge);
        io.memtile.core.output.OutputGuard.check(out, OutputKinds.SIM, force, "--out", prog, OutputKinds.datasetInput(dataset));
        Path ckptFile = out.resolveSibling(out.getFileName() + ".ckpt");
        // the checkpoint is written next to the result: it must not replace a foreign file either
        if (!resume) io.memtile.core.output.OutputGuard.check(ckptFile, OutputKinds.SIM_CHECKPOINT, force, "--out (checkpoint)", prog, OutputKinds.datasetInput(dataset));
        if (!(checkpointEvery >= 0) || Double.isInfinite(checkpointEvery)) {
            throw new IllegalArgumentException("--checkpoint-every must be a finite number of seconds >= 0, got " + checkpointEvery);
        }
        if (limit < 0) throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
        if (threads != null && threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        SimFiles.Loaded loaded = SimFiles.load(prog);
        var ni = Overrides.apply(loaded.program().target().nonIdealities(), ideal, d2d, readNoise, stuck, drift, irDrop);
        Dataset d = Datasets.load(dataset, Split.TEST,
                BinsOption.resolve(bins, loaded.program().provenance().inputBins(), dataset, loaded.program().network().steps()));
        SimOptions o = SimOptions.defaults(loaded.program()).withNonIdealities(ni).withSeed(seed).withLimit(limit)
                .withThreads(threads == null ? Runtime.getRuntime().availableProcessors() : threads).withAblation(ablation)
                .withTraceSample(traceSample).withDriftAge(driftAge).withProvenance(prog.toString(), loaded.sha256(), dataset)
                .withProgress(System.err).withCalibration(!noCalibrate && !ideal, calibrationAge).withDriftHorizons(driftHorizons);
        var rule = EarlyOptions.rule(earlyMargin, earlyHold);
        var fp = SimFingerprint.of(loaded.sha256(), dataset, d, o, rule);
        SimCheckpointer ck = new SimCheckpointer(ckptFile, fp, resume, checkpointEvery);
        SimResult r = Simulator.run(loaded.program(), d, o, rule, ck);
        Json.write(out, r);
        ck.delete();
        System.out.println(summary(r));
        System.out.println(actionPotentials(r));
        System.out.println(readLimit(r));
        System.out.println(early(r));
        if (r.ablation() != null) {
            for (SimResult.AblationRow a : r.ablation()) {
                System.out.printf(Locale.ROOT, "  ablation %-16s accuracy %.4f (n=%d)%n", a.name(), a.accuracy(), a.n());
            }
        }
        if (r.calibration() != null) {
            for (var c : r.calibration().layers()) {
                System.out.printf(Locale.ROOT, "  calibration layer %d: gain %.4f (%.4f..%.4f), offset %.2e, response error %.4f -> %.4f%s%n", c.layer(),
                        c.meanGain(), c.minGain(), c.maxGain(), c.rmsOffset(), c.rmsErrBefore(), c.rmsErrAfter(),
                        r.calibration().trimBits() == 0 ? " (no trim declared: not corrected)" : c.clipped() > 0 ? " (" + c.clipped() + " outputs beyond the trim range)" : "");
            }
        }
        if (r.driftHorizons() != null) {
            System.out.println("  drift horizon   calibrated at programming   recalibrated at age");
            for (SimResult.DriftRow h : r.driftHorizons()) {
                System.out.printf(Locale.ROOT, "  %-14s  %.4f                      %.4f%n", h.label(), h.accuracyUncompensated(), h.accuracyCompensated());
            }
        }
        System.out.println("wrote " + out);
        return 0;
    }

    static String summary(SimResult r) {
        var e = r.energy();
        return String.format(Locale.ROOT,
                "simulated %d samples of %s on %d tiles: accuracy %.4f; energy/inference %.4g J (alpha %.3g, crossbar %.3g, M1 %.3g, M2 %.3g, Cmem %.3g); "
                        + "average power %.4g W; activity %s; first spike p50 %s, decision p50 %.3g ms; %.1f inferences/s on %d threads (setup %.2f s)",
                r.accuracy().n(), r.provenance().datasetName(), r.topology().tilesUsed(), r.accuracy().accuracy(), e.totalJ(),
                e.alphaDriveJ(), e.crossbarJ(), e.mifM1J(), e.mifM2J(), e.membraneChargeJ(), r.averagePowerW(),
                activity(r), firstSpike(r.latency().firstSpike()), r.latency().decision().p50() * 1e3,
                r.run().inferencesPerSecond(), r.run().threads(), r.run().setupSeconds());
    }

    /** The distribution is empty (p50 = 0) when no output neuron spiked: say so instead of printing "0 ms". */
    private static String firstSpike(SimResult.Distribution d) {
        if (d.n() == 0) return "n/a (no output spike in " + d.undefined() + " samples)";
        return String.format(Locale.ROOT, "%.3g ms", d.p50() * 1e3)
                + (d.undefined() > 0 ? " (" + d.undefined() + " samples without an output spike)" : "");
    }

    static String actionPotentials(SimResult r) {
        StringBuilder sb = new StringBuilder("action potentials per neuron per inference:");
        for (SimResult.LayerActionPotentials a : r.actionPotentials()) {
            sb.append(String.format(Locale.ROOT, " layer %d %.4f (%.4f%% of neuron-steps inside one)", a.layer(), a.perNeuronPerInference(), 100 * a.timeShare()));
        }
        return sb.toString();
    }

    /** Read-limit check (issue 8 item 8): the share of word-line samples whose cell voltage exceeded the tile's limit. */
    static String readLimit(SimResult r) {
        SimResult.Operating o = r.operating();
        if (o.readLimitV() == null || o.overReadLimitShareByLayer() == null) return "read limit: not recorded";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "read limit %.3g V: cell-voltage samples beyond it:", o.readLimitV()));
        double[] sh = o.overReadLimitShareByLayer();
        for (int l = 0; l < sh.length; l++) {
            if (l == 0) {
                sb.append(sh[0] < 0 ? String.format(Locale.ROOT, " layer 0 not counted (alpha peak %.3g V above the limit)", o.alphaPeakRowV())
                        : String.format(Locale.ROOT, " layer 0 none (alpha peak %.3g V)", o.alphaPeakRowV()));
            } else {
                sb.append(String.format(Locale.ROOT, ", layer %d %.3f%%", l, 100 * sh[l]));
            }
        }
        return sb.toString();
    }

    static String early(SimResult r) {
        SimResult.EarlyDecision e = r.earlyDecision();
        if (e.holdSteps() == 0) return "early decision: off";
        return String.format(Locale.ROOT, "early decision (margin %s, hold %d steps): accuracy %.4f (full run %.4f), decided %d/%d, latency mean %.3f ms / median %.3f ms, "
                        + "energy/inference %.4g J (full run %.4g J)", io.memtile.report.Display.num(e.margin()), e.holdSteps(), e.accuracy().accuracy(),
                r.accuracy().accuracy(), e.decided(), e.accuracy().n(), e.latency().mean() * 1e3, e.latency().p50() * 1e3, e.energy().totalJ(), r.energy().totalJ());
    }

    private static String activity(SimResult r) {
        StringBuilder sb = new StringBuilder();
        for (SimResult.LayerActivity a : r.activity()) {
            sb.append(sb.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.2f%%", 100 * a.meanActivity()));
        }
        return sb.toString();
    }
}
