package io.memtile.cli;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import io.memtile.trainer.engine.SpikeCriterion;
import io.memtile.trainer.eval.EvalPlots;
import io.memtile.trainer.activity.ActionPotentialCriterion;
import io.memtile.trainer.decision.EarlyDecisionRule;
import io.memtile.trainer.eval.EvalResult;
import io.memtile.trainer.eval.Evaluator;
import io.memtile.trainer.model.ModelArtifact;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memtile eval}: accuracy, confusion matrix and spiking activity of a trained model. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a model on a test set: accuracy, confusion matrix, spiking activity per layer, the training curves "
                + "recorded next to the model; optional raster/membrane PNG.")
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model artifact (model.json), or a shipped model: mnist (see models/README.md).")
    Path model;
    @Option(names = "--dataset", defaultValue = "embedded:mnist", description = "Dataset spec (default: ${DEFAULT-VALUE}); its TEST split is used.")
    String dataset;
    @Option(names = "--limit", defaultValue = "0", description = "Evaluate only the first N test samples (0 = all).")
    int limit;
    @Option(names = "--threads", description = "Worker threads (default: available processors).")
    Integer threads;
    @Option(names = "--plot", description = "Write a spike-raster + output-membrane PNG of one test sample here.")
    Path plot;
    @Option(names = "--plot-sample", defaultValue = "0", description = "Index of the test sample to plot (default: ${DEFAULT-VALUE}).")
    int plotSample;
    @Option(names = "--early-margin", description = "Early decision: required lead of the best class over the runner-up, logit units (default: "
            + EarlyDecisionRule.DEFAULT_MARGIN + ").")
    Double earlyMargin;
    @Option(names = "--early-hold", description = "Early decision: consecutive steps the lead must hold; 0 = off (default: "
            + EarlyDecisionRule.DEFAULT_HOLD_STEPS + ").")
    Integer earlyHold;

    @Option(names = "--dump", paramLabel = "FILE", description = "Write per-sample label, prediction and per-class readout scores as CSV.")
    Path dump;
    @Option(names = "--bins", paramLabel = "K", description = "Event datasets: frames per sample, 1..steps (default: the model's training.bins, else 10).")
    Integer bins;
    @Option(names = "--force", description = "replace --plot/--dump even if it is not a previous memtile output of this kind (never an input)")
    boolean force;

    @Override
    public Integer call() {
        model = io.memtile.trainer.model.ShippedModels.resolve(model);
        io.memtile.core.output.OutputGuard.check(plot, OutputKinds.PLOT, force, "--plot", model);
        io.memtile.core.output.OutputGuard.check(dump, OutputKinds.EVAL_DUMP, force, "--dump", model, OutputKinds.datasetInput(dataset));
        if (limit < 0) throw new MemtileException("--limit", null, "must be >= 0 (0 = all), got " + limit);
        if (threads != null && threads < 1) throw new MemtileException("--threads", null, "must be >= 1, got " + threads);
        ModelArtifact m = Json.read(model, ModelArtifact.class);
        Dataset test = Datasets.load(dataset, Split.TEST, BinsOption.resolve(bins, m.training().bins(), dataset, m.network().steps()));
        if (test.size() == 0) throw new MemtileException(dataset, null, "the test split has no samples (accuracy would be 0/0)");
        int th = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        io.memtile.trainer.train.TrainMemory.checkInference(m.network(), th, model.toString());
        EarlyDecisionRule rule = EarlyOptions.rule(earlyMargin, earlyHold);
        EvalResult r = Evaluator.evaluate(m, test, limit, th, rule);
        System.out.printf(Locale.ROOT, "accuracy %.2f%% (%d/%d) on %s%n", 100 * r.accuracy(), r.correct(), r.n(), test.name());
        System.out.println("confusion matrix (rows: true class, columns: predicted):");
        StringBuilder sb = new StringBuilder("      ");
        for (int k = 0; k < r.confusion().length; k++) sb.append(String.format(Locale.ROOT, "%6d", k));
        System.out.println(sb);
        for (int a = 0; a < r.confusion().length; a++) {
            sb = new StringBuilder(String.format(Locale.ROOT, "%6d", a));
            for (int b = 0; b < r.confusion()[a].length; b++) sb.append(String.format(Locale.ROOT, "%6d", r.confusion()[a][b]));
            System.out.println(sb);
        }
        SpikeCriterion sc = SpikeCriterion.of(m.target().neuron());
        System.out.printf(Locale.ROOT, "spiking activity (%s, threshold %.2f mV): fraction of neurons spiking per step%n",
                SpikeCriterion.DEFINITION, sc.thresholdVolts() * 1e3);
        for (int l = 0; l < r.activity().length; l++) {
            double peak = 0;
            int peakT = 0;
            for (int t = 0; t < r.activity()[l].length; t++) if (r.activity()[l][t] > peak) { peak = r.activity()[l][t]; peakT = t; }
            System.out.printf(Locale.ROOT, "  layer %d (%d neurons): mean %.4f, peak %.4f at step %d%n", l + 1,
                    m.network().layers()[l + 1], r.meanActivity(l), peak, peakT);
        }
        ActionPotentialCriterion apc = ActionPotentialCriterion.of(m.target().neuron());
        System.out.printf(Locale.ROOT, "action potentials (%s; %.1f / %.1f mV):%n", ActionPotentialCriterion.DEFINITION,
                apc.onVolts() * 1e3, apc.rearmVolts() * 1e3);
        for (int l = 0; l < r.actionPotentials().length; l++) {
            System.out.printf(Locale.ROOT, "  layer %d: %.4f per neuron per inference, %.4f %% of neuron-steps inside one%n", l + 1,
                    r.actionPotentials()[l], 100 * r.apTimeShare()[l]);
        }
        EvalResult.EarlyDecisionSummary e = r.early();
        int steps = m.network().steps();
        double dt = m.network().dt();
        System.out.printf(Locale.ROOT, "early decision (%s): accuracy %.2f%% (full run %.2f%%), decided %d/%d, steps run mean %.1f / median %.1f of %d"
                + " (latency mean %.3f ms / median %.3f ms)%n", e.rule(), 100 * e.accuracy(), 100 * r.accuracy(), e.decided(), r.n(),
                e.meanSteps(), e.medianSteps(), steps, e.meanSteps() * dt * 1e3, e.medianSteps() * dt * 1e3);
        // the training history recorded next to the model (memtile train writes it every epoch)
        java.nio.file.Path curves = io.memtile.trainer.curves.CurvesFiles.json(model);
        if (java.nio.file.Files.exists(curves)) {
            io.memtile.trainer.curves.TrainingCurves c = Json.read(curves, io.memtile.trainer.curves.TrainingCurves.class);
            System.out.print(io.memtile.trainer.curves.CurvesRecorder.table(c, curves, io.memtile.trainer.curves.CurvesFiles.png(model)));
        } else {
            System.out.println("training curves: none recorded next to the model (" + curves + ")");
        }
        if (plot != null) {
            if (plotSample < 0 || plotSample >= test.size()) throw new MemtileException("--plot-sample", null, "must be in [0, " + test.size() + ")");
            if (test.isEvents()) throw new MemtileException("--plot", null, "single-sample traces are drawn for static images only; " + dataset + " is an event dataset");
            double[] p = new double[test.dim()];
            test.sample(plotSample, p);
            int pred = EvalPlots.sample(m, p, test.label(plotSample), plot);
            System.out.printf(Locale.ROOT, "wrote %s (sample %d, label %d, predicted %d)%n", plot, plotSample, test.label(plotSample), pred);
        }
        if (dump != null) {
            var dd = io.memtile.trainer.eval.EvalDump.compute(m, test, limit, th);
            io.memtile.trainer.eval.EvalDump.write(dump, dd);
            System.out.printf(Locale.ROOT, "wrote %s (%d samples: label, predicted, %d class scores)%n", dump, dd.n(), m.network().layers()[m.network().layers().length - 1]);
        }
        return 0;
    }
}
