package io.memtile.cli;

import io.memtile.compiler.CompileJob;
import io.memtile.compiler.CompileOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memtile compile}: trained model to a tile program (see compiler.Compiler for the passes). */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compile a trained model into a tile program: lower -> map -> quantize -> place -> program -> emit.",
                "Writes OUT/program.json, compile-report.json, summary.md, tiles/tile-NNN.csv, heatmaps/tile-NNN.png (tile maps) "
                        + "and chip-overview.png "
                        + "all-or-nothing (a failure leaves no partial OUT)."})
public final class CompileCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "model.json written by `memtile train`, or a shipped model: mnist (see models/README.md)")
    Path model;

    @Option(names = "--target", paramLabel = "NAME|PATH", description = "hardware target (default: the target embedded in the model)")
    String target;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory; replaced atomically only if it is a previous program directory (or with --force)")
    Path out;

    @Option(names = "--packer", defaultValue = io.memtile.core.target.Packers.DEFAULT, description = "layers | pack | grid: each layer packed on tiles of its own, all layers packed together (fewest tiles), or one tile per chunk (default: ${DEFAULT-VALUE})")
    String packer;

    @Option(names = "--switches", defaultValue = "0", paramLabel = "N", description = "MSS switches N for quantisation (N+1 levels); 0 = target's synapse.switches")
    int switches;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the fault draw and the programming simulation (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--dump-after", paramLabel = "PASS",
            description = "write that pass's output as OUT/dump-PASS.json and stop (passes: lower, map, range, levels, drive, quantize, place, irplace, irdrop, program, bitline)")
    String dumpAfter;

    @Option(names = "--no-quantize", description = "continuous conductances gOff + gUnit*|w| (no quantisation)")
    boolean noQuantize;

    @Option(names = "--ideal-programming", description = "devices land exactly on their target (no stochastic write-verify)")
    boolean idealProgramming;

    @Option(names = "--no-faults", description = "no stuck-at faults")
    boolean noFaults;

    @Option(names = "--spare-columns", defaultValue = "-1", paramLabel = "N", description = "override tile.spareColumns (columns held back for repair)")
    int spareColumns;

    @Option(names = "--repair-tiles", defaultValue = "0", paramLabel = "N",
            description = "extra tiles the compiler may add for column pairs that cannot be repaired on their own tile (default: ${DEFAULT-VALUE})")
    int repairTiles;

    @Option(names = "--range", defaultValue = "layer", paramLabel = "off|layer|column",
            description = "range mapping: scale weights so the largest reach the top level, per layer or per output column; compensated in the current gain (default: ${DEFAULT-VALUE})")
    String range;

    @Option(names = "--no-range-headroom", description = "range mapping always puts the largest weight on level N, even where the IR-drop "
            + "compensation then runs out of range (default: with IR compensation on, use the fraction of the range that minimises the "
            + "predicted quantisation + IR error)")
    boolean noRangeHeadroom;

    @Option(names = "--headroom-tolerance", defaultValue = "" + io.memtile.compiler.CompileOptions.HEADROOM_TOLERANCE_DEFAULT, paramLabel = "E",
            description = "with range headroom, each alpha-driven layer takes the largest fraction of the range, in the band around the error minimum, whose predicted quantisation + IR error is "
                    + "within (1 + E) of the smallest: less read energy and more levels for a little predicted error; 0 = the error-minimising "
                    + "fraction (default: ${DEFAULT-VALUE})")
    double headroomTolerance;

    @Option(names = "--level-use", defaultValue = "" + io.memtile.compiler.CompileOptions.LEVEL_USE_DEFAULT, paramLabel = "F",
            description = "pass levels: raise each layer's range scale until the 99th percentile of its active levels reaches ceil(F * N), "
                    + "saturating the few larger weights at level N (their error is reported); 0 = off (default: ${DEFAULT-VALUE})")
    double levelUse;

    @Option(names = "--max-tile-rows", defaultValue = "0", paramLabel = "R",
            description = "at most R word lines per tile carry weights (the layers are packed as if the tiles had R rows): a bit line "
                    + "then sums fewer rows, so IR drop attenuates less and higher levels stay compensable, at the cost of more tiles; "
                    + "0 = all rows (default: ${DEFAULT-VALUE})")
    int maxTileRows;

    @Option(names = "--no-ir-compensation", description = "skip the IR-drop-aware targets pass (irdrop)")
    boolean noIrCompensation;

    @Option(names = "--ir-placement", negatable = true, defaultValue = "" + io.memtile.compiler.CompileOptions.IR_PLACEMENT_DEFAULT,
            fallbackValue = "true", description = "IR-drop-aware row placement within tiles (pass irplace): the rows with the most "
                    + "conductance next to the sense amplifiers (default: ${DEFAULT-VALUE})")
    boolean irPlacement;

    @Option(names = "--bitline-ref", paramLabel = "V1[,V2...]|auto|off",
            description = "hold the bit lines of each membrane-driven weight layer (1, 2, ...) at this voltage instead of 0 V, with a "
                    + "per-neuron compensation current for V_ref * sum_i w (pass bitline): the cells see V - V_ref; one voltage per "
                    + "membrane-driven layer, 0 = that layer at 0 V; auto = the mean hidden membrane voltage over --bitline-samples "
                    + "training samples (the trainer's reference forward) (default: off)")
    String bitlineRef;

    @Option(names = "--bitline-samples", defaultValue = "100", paramLabel = "N",
            description = "training samples for --bitline-ref auto (default: ${DEFAULT-VALUE})")
    int bitlineSamples;

    @Option(names = "--no-tile-files", description = "skip per-tile CSVs and heat maps (for very large networks)")
    boolean noTileFiles;

    @Option(names = "--quant-sweep", split = ",", paramLabel = "N,N,...", arity = "0..1", fallbackValue = "8,16,32,64",
            description = "evaluate the accuracy cost of quantisation for these N (default list 8,16,32,64) and add it to the report")
    int[] quantSweep;

    @Option(names = "--sweep-dataset", defaultValue = "embedded:mnist", description = "dataset for --quant-sweep (default: ${DEFAULT-VALUE})")
    String sweepDataset;

    @Option(names = "--sweep-samples", defaultValue = "1000", description = "samples for --quant-sweep (default: ${DEFAULT-VALUE})")
    int sweepSamples;

    @Option(names = "--threads", defaultValue = "0", description = "worker threads (0 = all cores)")
    int threads;

    @Option(names = "--force", description = "replace --out even if it is not a previous memtile output of this kind (never an input)")
    boolean force;

    @Override
    public Integer call() {
        model = io.memtile.trainer.model.ShippedModels.resolve(model);
        if (threads < 0) throw new io.memtile.core.MemtileException("--threads", null, "must be >= 0 (0 = all cores), got " + threads);
        if (quantSweep != null) {
            for (int n : quantSweep) {
                if (n < 1) throw new io.memtile.core.MemtileException("--quant-sweep", null, "every N must be >= 1 (N+1 levels), got " + n);
            }
            if (sweepSamples < 0) throw new io.memtile.core.MemtileException("--sweep-samples", null, "must be >= 0 (0 = all), got " + sweepSamples);
        }
        io.memtile.core.output.OutputGuard.check(out, OutputKinds.PROGRAM, force, "--out", model, OutputKinds.targetInput(target),
                OutputKinds.datasetInput(quantSweep == null ? null : sweepDataset));
        int th = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        boolean auto = bitlineRef != null && "auto".equalsIgnoreCase(bitlineRef.trim());
        if (auto && bitlineSamples < 1) throw new io.memtile.core.MemtileException("--bitline-samples", null, "must be >= 1, got " + bitlineSamples);
        CompileOptions o = new CompileOptions(seed, packer, switches, !noQuantize, !idealProgramming, !noFaults, !noTileFiles, th, repairTiles, range, !noIrCompensation, irPlacement, !noRangeHeadroom, headroomTolerance,
                auto ? null : io.memtile.compiler.bitline.BitlineRefPass.parse(bitlineRef), levelUse, maxTileRows);
        CompileJob.run(new CompileJob.Request(model, target, out, o, spareColumns, dumpAfter, !noTileFiles,
                quantSweep == null ? new int[0] : quantSweep, sweepDataset, sweepSamples, auto ? bitlineSamples : 0), System.out);
        return 0;
    }

}
