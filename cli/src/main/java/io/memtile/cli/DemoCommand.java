package io.memtile.cli;

import io.memtile.core.target.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memtile demo}: the whole pipeline on the bundled subset, with no download —
 * train → compile → verify → fine-tune for the chip → verify → simulate → report. It runs the real subcommands (same
 * options a user would type, printed before each step) so the demo can never drift from what the tool does.
 *
 * <p>Why the chip-specific fine-tuning step: a spiking network (the training defaults since issue 9) is more sensitive
 * to one chip's stuck devices and IR-drop transfer than the analog one was; a few hundred Adam steps against the
 * compiled chip's own transfer recover it (README, "Spiking defaults"). The as-compiled chip is simulated too, so the
 * demo shows what the step buys.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run train -> compile -> verify -> finetune -> verify -> simulate -> report on the embedded MNIST subset.")
public final class DemoCommand implements Callable<Integer> {
    /** Output kind of a demo directory (its .memtile-output marker). */
    static final String KIND = "demo";

    @Option(names = "--out", defaultValue = "demo-out", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--dataset", defaultValue = "embedded:mnist", description = "Dataset spec (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--target", defaultValue = Targets.DEFAULT, description = "Hardware target (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--epochs", defaultValue = "3", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--limit", defaultValue = "500", description = "Test samples to evaluate and simulate (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for training, programming and the simulated chip (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--force", description = "use --out even if it is not a previous demo directory (its memtile outputs are replaced)")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (Files.isRegularFile(out)) throw new io.memtile.core.MemtileException(out.toString(), null, "is a file; --out names the demo's output directory");
        io.memtile.core.output.OutputGuard.check(out, OutputKinds.DEMO, force, "--out", OutputKinds.targetInput(target), OutputKinds.datasetInput(dataset));
        Files.createDirectories(out);
        // the demo fills its directory step by step (each step's output is atomic), so mark it first
        io.memtile.core.output.OutputGuard.mark(out, KIND);
        String model = out.resolve("model.json").toString();
        String prog = out.resolve("prog").toString();
        String progFt = out.resolve("prog-ft").toString();
        String modelFt = out.resolve("model-ft.json").toString();
        String simCompiled = out.resolve("sim-compiled.json").toString();
        String sim = out.resolve("sim.json").toString();
        String s = Long.toString(seed);
        List<String[]> steps = new ArrayList<>();
        steps.add(new String[] {"train", "--dataset", dataset, "--target", target, "--epochs", Integer.toString(epochs),
                "--test-limit", Integer.toString(limit), "--seed", s, "--out", model});
        steps.add(new String[] {"compile", model, "--target", target, "--seed", s, "--out", prog});
        steps.add(new String[] {"verify", prog});
        steps.add(new String[] {"simulate", prog, "--dataset", dataset, "--limit", Integer.toString(limit), "--seed", s,
                "--out", simCompiled});
        steps.add(new String[] {"finetune", prog, "--model", model, "--dataset", dataset, "--test-limit", Integer.toString(limit),
                "--seed", s, "--chip-seed", s, "--out", progFt, "--model-out", modelFt});
        steps.add(new String[] {"verify", progFt, "--model", modelFt});
        steps.add(new String[] {"simulate", progFt, "--dataset", dataset, "--limit", Integer.toString(limit), "--seed", s,
                "--ablation", "--out", sim});
        steps.add(new String[] {"report", sim, "--format", "md", "--out", out.resolve("report.md").toString()});
        steps.add(new String[] {"report", sim, "--format", "html", "--out", out.resolve("report.html").toString()});
        steps.add(new String[] {"report", "--paper", "--target", target, "--format", "md", "--out", out.resolve("paper-table-iv.md").toString()});
        if (force) {
            for (int i = 0; i < steps.size(); i++) {
                String[] st = steps.get(i);
                if (st[0].equals("verify") || st[0].equals("finetune")) continue; // finetune replaces its --out atomically
                String[] f = java.util.Arrays.copyOf(st, st.length + 1);
                f[st.length] = "--force";
                steps.set(i, f);
            }
        }
        long t0 = System.nanoTime();
        for (String[] step : steps) {
            System.out.println();
            System.out.println("$ memtile " + String.join(" ", step));
            CommandLine cl = Main.commandLine();
            int rc = cl.execute(step);
            if (rc != 0) {
                System.err.println("memtile demo: step '" + step[0] + "' failed with exit code " + rc);
                return rc;
            }
        }
        System.out.println();
        System.out.println(Files.readString(out.resolve("report.md")));
        System.out.printf(Locale.ROOT, "demo finished in %.1f s; outputs in %s (model.json, prog/, sim-compiled.json, model-ft.json, prog-ft/, sim.json, report.md, report.html, paper-table-iv.md)%n",
                (System.nanoTime() - t0) / 1e9, out.toAbsolutePath());
        // the pictures: written by train (curves, every epoch) and compile (chip overview, tile maps)
        System.out.println("pictures: " + io.memtile.trainer.curves.CurvesFiles.png(Path.of(model)) + " (training curves), "
                + Path.of(prog).resolve(io.memtile.compiler.emit.ProgramIO.CHIP_OVERVIEW) + " (chip overview), "
                + Path.of(prog).resolve("heatmaps") + "/tile-NNN.png (tile maps)");
        return 0;
    }
}
