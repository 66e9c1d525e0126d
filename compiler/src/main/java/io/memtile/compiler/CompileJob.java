package io.memtile.compiler;

import io.memtile.compiler.bitline.AutoReference;
import io.memtile.compiler.emit.ProgramIO;
import io.memtile.compiler.quant.QuantSweep;
import io.memtile.core.MemtileException;
import io.memtile.core.json.Hashing;
import io.memtile.core.json.Json;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.core.target.TileParams;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import io.memtile.trainer.model.ModelArtifact;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code memtile compile} end to end: read model and target, compile, optionally sweep N, emit. */
public final class CompileJob {
    /**
     * @param target       target name or path; null = the target embedded in the model
     * @param spareColumns override of tile.spareColumns (-1 = target's)
     * @param dumpAfter    pass to stop after (its output is written as prog/dump-PASS.json), or null
     * @param tileFiles    write per-tile CSVs and heat maps
     * @param sweep        N values for the quantisation accuracy sweep (empty = none)
     * @param sweepDataset dataset spec for the sweep (e.g. embedded:mnist)
     * @param sweepLimit   samples for the sweep
     * @param bitlineAuto  {@code --bitline-ref auto}: training samples of the model's dataset whose mean hidden membrane
     *                     voltages become the bit-line references ({@link AutoReference}); 0 = the options' references
     */
    public record Request(Path model, String target, Path out, CompileOptions options, int spareColumns, String dumpAfter,
                          boolean tileFiles, int[] sweep, String sweepDataset, int sweepLimit, int bitlineAuto) {
        public Request(Path model, String target, Path out, CompileOptions options, int spareColumns, String dumpAfter,
                       boolean tileFiles, int[] sweep, String sweepDataset, int sweepLimit) {
            this(model, target, out, options, spareColumns, dumpAfter, tileFiles, sweep, sweepDataset, sweepLimit, 0);
        }
    }

    private CompileJob() {}

    public static CompileResult run(Request q, PrintStream log) {
        if (!Files.exists(q.model())) throw new MemtileException(q.model().toString(), null, "model file not found");
        ModelArtifact m = Json.read(q.model(), ModelArtifact.class);
        Target t = q.target() == null ? m.target() : Targets.load(q.target());
        if (q.spareColumns() >= 0) {
            TileParams tp = t.tile();
            t = t.withTile(new TileParams(tp.rows(), tp.cols(), tp.cellType(), tp.technologyNm(), tp.areaMm2(), tp.wireResistanceOhm(),
                    tp.readVoltageMax(), q.spareColumns()));
            t.validate(io.memtile.core.json.Fields.root("--spare-columns"));
        }
        CompileMemory.check(m.network().layers(), t, q.options().switches());
        CompileOptions o = q.options();
        if (q.bitlineAuto() > 0) {
            if (m.training() == null || m.training().dataset() == null || m.training().dataset().isEmpty()) {
                throw new MemtileException(q.model().toString(), "training.dataset", "--bitline-ref auto needs the model's training dataset");
            }
            double[] refs = AutoReference.meanMembrane(m, Datasets.load(m.training().dataset(), Split.TRAIN), q.bitlineAuto());
            o = o.withBitlineRef(refs);
            StringBuilder b = new StringBuilder();
            for (double v : refs) b.append(b.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", v));
            log.println("bit-line reference auto: mean hidden membrane voltage over " + q.bitlineAuto() + " training samples of "
                    + m.training().dataset() + " (reference forward): " + b + " V");
        }
        CompileResult r = Compiler.compile(m, t, o, q.model().toString(), Hashing.sha256(q.model()), q.dumpAfter());
        if (r.stoppedAfter() != null) {
            Path f = ProgramIO.writeDump(q.out(), r);
            log.println("stopped after pass '" + r.stoppedAfter() + "': wrote " + f);
            return r;
        }
        if (q.sweep() != null && q.sweep().length > 0) {
            var d = Datasets.load(q.sweepDataset(), Split.TEST);
            List<QuantSweepPoint> pts = QuantSweep.run(m, d, q.sweepDataset(), q.sweep(), q.sweepLimit(), q.options().threads());
            r = new CompileResult(r.program(), r.report().withQuantSweep(pts), r.lowered(), r.mapping(), r.quantized(), r.placement(),
                    r.programming(), null);
        }
        ProgramIO.write(q.out(), r, q.tileFiles());
        log.println(summaryLine(r));
        log.println("wrote " + q.out().resolve(ProgramIO.PROGRAM) + ", " + ProgramIO.SUMMARY + ", " + ProgramIO.REPORT
                + (q.tileFiles() ? ", tiles/*.csv, heatmaps/*.png, " + ProgramIO.CHIP_OVERVIEW : ""));
        return r;
    }

    public static String summaryLine(CompileResult r) {
        var s = r.program().stats();
        var p = r.report().placement();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "tiles %d (lower bounds: cells %d, column slots %d, row slots %d), utilisation %.1f%%, mean pulses/device %.3f, state RMS error %.4f levels, "
                        + "programming %.4g s / %.4g J, misses %.4f%%, stuck %d (compensated %d, remapped %d, unrepaired %d)",
                s.tilesUsed(), p.cellLowerBound(), p.slotLowerBound(), p.rowSlotLowerBound(), 100 * s.utilisation(), s.meanPulsesPerDevice(),
                s.stateRmsErrorLevels(), s.programmingTimeS(), s.programmingEnergyJ(), 100 * s.missFraction(), s.stuckDevices(),
                r.report().count("COMPENSATED"), r.report().count("REMAPPED"), r.report().count("UNREPAIRED")));
        for (LayerQuantReport l : r.report().quantisation()) {
            b.append(String.format(Locale.ROOT, "%n  layer %d %dx%d: quantisation RMS %.5f (N=%d)", l.layer(), l.inputs(), l.outputs(), l.rmsError(), l.switches()));
        }
        if (r.report().ranges() != null) {
            for (var rr : r.report().ranges()) {
                b.append(String.format(Locale.ROOT, "%n  range layer %d (%s): scale %.3f (%.0f%% of full range), active level mean %.2f -> %.2f, p99 %.0f -> %.0f of %d; read power x%.2f",
                        rr.layer(), rr.mode(), rr.rangeScale(), 100 * rr.headroom(), rr.meanLevelBefore(), rr.meanLevel(), rr.p99LevelBefore(), rr.p99Level(),
                        r.program().provenance().switches(), rr.readPowerFactor()));
                if (rr.predictedRmsMin() > 0) {
                    b.append(String.format(Locale.ROOT, "; predicted error %.5f (minimum %.5f, x%.3f)", rr.predictedRms(), rr.predictedRmsMin(),
                            rr.predictedRms() / rr.predictedRmsMin()));
                }
            }
        }
        if (r.report().levels() != null) {
            for (int l = 0; l < r.report().levels().size(); l++) {
                var lu = r.report().levels().get(l);
                b.append(String.format(Locale.ROOT, "%n  levels layer %d: p99 active level %d of %d (target %d), range scale x%.3f; clipped %d weights at level N, error RMS %.3g, max %.3g (weight units)",
                        l, lu.p99Level(), r.program().provenance().switches(), lu.targetLevel(), lu.factor(), lu.clipped(), lu.clipRmsError(), lu.clipMaxError()));
            }
        }
        if (r.report().irDrop() != null && !r.report().irDrop().isEmpty()) {
            double sb = 0, sa = 0, g = 0;
            for (var t : r.report().irDrop()) { sb += t.rmsBefore() * t.rmsBefore(); sa += t.rmsAfter() * t.rmsAfter(); g += t.meanGain(); }
            int nt = r.report().irDrop().size();
            b.append(String.format(Locale.ROOT, "%n  IR-drop targets: transfer error RMS %.5f -> %.5f (weight units, mean over %d tiles), mean attenuation %.3f compensated by the column gain",
                    Math.sqrt(sb / nt), Math.sqrt(sa / nt), nt, g / nt));
        }
        if (r.report().faults() != null) {
            var f = r.report().faults();
            b.append(String.format(Locale.ROOT, "%n  unrepaired: %d of %d weights read back off their level, error RMS %.2e, max %.4f, sum %.4f (weight units)",
                    f.weightsInError(), f.weights(), f.rmsWeightError(), f.maxWeightError(), f.sumAbsWeightError()));
        }
        if (r.report().bitline() != null) {
            for (var bl : r.report().bitline()) {
                b.append(String.format(Locale.ROOT, "%n  bit-line reference layer %d: %.4g V, compensation current per neuron mean |b| %.4g A, max %.4g A (%s)",
                        bl.layer(), bl.vRef(), bl.meanAbsCompensationA(), bl.maxAbsCompensationA(), bl.irDesigned() ? "nominal levels through the IR drop" : "nominal levels, ideal wires"));
            }
        }
        for (QuantSweepPoint sp : r.report().quantSweep()) {
            b.append(String.format(Locale.ROOT, "%n  N=%d: RMS %.5f, accuracy %.2f%% (unquantised %.2f%%, %d samples)", sp.switches(), sp.rmsError(),
                    sp.accuracyPct(), sp.baselinePct(), sp.samples()));
        }
        for (String w : r.report().warnings()) b.append("\n  warning: ").append(w);
        return b.toString();
    }
}
