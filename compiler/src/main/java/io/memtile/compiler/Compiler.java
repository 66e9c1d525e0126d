package io.memtile.compiler;

import io.memtile.compiler.lower.LayerGraph;
import io.memtile.compiler.lower.LowerPass;
import io.memtile.compiler.map.DifferentialMapPass;
import io.memtile.compiler.map.DifferentialMapping;
import io.memtile.compiler.place.Placement;
import io.memtile.compiler.place.PlacementPass;
import io.memtile.compiler.program.CompileStats;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.ProgramPass;
import io.memtile.compiler.program.ProgrammingResult;
import io.memtile.compiler.program.Provenance;
import io.memtile.compiler.program.TileProgram;
import io.memtile.compiler.program.TileProgrammingReport;
import io.memtile.compiler.quant.QuantizePass;
import io.memtile.compiler.range.RangeMapPass;
import io.memtile.compiler.irdrop.IrDropTargetPass;
import io.memtile.compiler.irplace.IrPlacementPass;
import io.memtile.compiler.quant.QuantizedLayer;
import io.memtile.compiler.quant.QuantizedNetwork;
import io.memtile.core.MemtileException;
import io.memtile.core.target.MssParams;
import io.memtile.core.target.Target;
import io.memtile.trainer.model.ModelArtifact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiler driver: lower, map, quantize, place, program — each pass a class with one job and a
 * typed output (see {@link #PASSES}). Emission (program.json, CSVs, summary, heat maps) is
 * {@code emit.ProgramIO}.
 */
public final class Compiler {
    /** Pass names in order, as accepted by {@code --dump-after}. */
    public static final List<String> PASSES = List.of(LowerPass.NAME, DifferentialMapPass.NAME, RangeMapPass.NAME,
            io.memtile.compiler.levels.LevelUsePass.NAME, io.memtile.compiler.drive.DriveScalePass.NAME, QuantizePass.NAME,
            PlacementPass.NAME, IrPlacementPass.NAME, IrDropTargetPass.NAME, ProgramPass.NAME,
            io.memtile.compiler.bitline.BitlineRefPass.NAME);
    public static final String VERSION = "0.1.0";

    private Compiler() {}

    public static CompileResult compile(ModelArtifact m, Target t, CompileOptions o) {
        return compile(m, t, o, "<in-memory model>", "", null);
    }

    /**
     * @param source    model file name (for errors and provenance)
     * @param sha256    hash of the model file bytes ("" if built in memory)
     * @param stopAfter pass name to stop after, or null to run all passes
     */
    public static CompileResult compile(ModelArtifact m, Target t, CompileOptions o, String source, String sha256, String stopAfter) {
        if (stopAfter != null && !PASSES.contains(stopAfter)) {
            throw new MemtileException("--dump-after", null, "unknown pass '" + stopAfter + "'; passes are " + PASSES);
        }
        if (t == null) throw new MemtileException("--target", null, "no target");
        Map<String, Double> secs = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        LayerGraph g = LowerPass.run(m, source);
        t0 = lap(secs, LowerPass.NAME, t0);
        if (LowerPass.NAME.equals(stopAfter)) return new CompileResult(null, null, g, null, null, null, null, stopAfter);
        DifferentialMapping map = DifferentialMapPass.run(g, t);
        t0 = lap(secs, DifferentialMapPass.NAME, t0);
        if (DifferentialMapPass.NAME.equals(stopAfter)) return new CompileResult(null, null, g, map, null, null, null, stopAfter);
        int n = o.switches() > 0 ? o.switches() : t.synapse().switches();
        // The placement depends only on the layer widths, so range mapping can see where every weight will sit:
        // with IR compensation on, it leaves the headroom the compensated targets need (IrHeadroom).
        boolean headroomOn = o.rangeHeadroom() && o.irCompensation() && o.quantize() && t.nonIdealities().wireResistance() && t.tile().wireResistanceOhm() > 0;
        Placement[] early = new Placement[1];
        List<io.memtile.compiler.range.IrHeadroom.Choice> headroom = new ArrayList<>();
        RangeMapPass.Result rm = RangeMapPass.run(map, o.rangeMode(), n, full -> {
            if (!headroomOn) return null;
            early[0] = PlacementPass.run(g.widths(), t.tile(), o.packer(), o.maxTileRows());
            headroom.addAll(io.memtile.compiler.range.IrHeadroom.choose(full, early[0], t, n, o.headroomTolerance(), o.threads()));
            return headroom.stream().mapToDouble(io.memtile.compiler.range.IrHeadroom.Choice::fraction).toArray();
        });
        map = rm.mapping();
        t0 = lap(secs, RangeMapPass.NAME, t0);
        if (RangeMapPass.NAME.equals(stopAfter)) return new CompileResult(null, null, g, map, null, null, null, stopAfter);
        // pass "levels": a floor on the 99th percentile of the active levels (off by default), after the range (and IR
        // headroom) choice, so the drive pass below compensates the final scale
        var lu = io.memtile.compiler.levels.LevelUsePass.run(map, o.quantize() ? o.levelUse() : 0, n);
        map = lu.mapping();
        t0 = lap(secs, io.memtile.compiler.levels.LevelUsePass.NAME, t0);
        if (io.memtile.compiler.levels.LevelUsePass.NAME.equals(stopAfter)) return new CompileResult(null, null, g, map, null, null, null, stopAfter);
        map = io.memtile.compiler.drive.DriveScalePass.run(map);
        t0 = lap(secs, io.memtile.compiler.drive.DriveScalePass.NAME, t0);
        if (io.memtile.compiler.drive.DriveScalePass.NAME.equals(stopAfter)) return new CompileResult(null, null, g, map, null, null, null, stopAfter);
        QuantizedNetwork q = QuantizePass.run(map, n, o.quantize());
        t0 = lap(secs, QuantizePass.NAME, t0);
        if (QuantizePass.NAME.equals(stopAfter)) return new CompileResult(null, null, g, map, q, null, null, stopAfter);
        Placement pl = early[0] != null ? early[0] : PlacementPass.run(g.widths(), t.tile(), o.packer(), o.maxTileRows());
        t0 = lap(secs, PlacementPass.NAME, t0);
        if (PlacementPass.NAME.equals(stopAfter)) return new CompileResult(null, null, g, map, q, pl, null, stopAfter);
        IrPlacementPass.Result ip = o.irPlacement() && o.quantize() && t.nonIdealities().wireResistance() && t.tile().wireResistanceOhm() > 0
                ? IrPlacementPass.run(pl, q, t) : null;
        if (ip != null) pl = ip.placement();
        t0 = lap(secs, IrPlacementPass.NAME, t0);
        if (IrPlacementPass.NAME.equals(stopAfter)) return new CompileResult(null, null, g, map, q, pl, null, stopAfter);
        IrDropTargetPass.Result ir = o.irCompensation() && o.quantize() && t.nonIdealities().wireResistance()
                ? IrDropTargetPass.run(pl, q, t, o.threads()) : null;
        if (ir != null) q = ir.network();
        t0 = lap(secs, IrDropTargetPass.NAME, t0);
        if (IrDropTargetPass.NAME.equals(stopAfter)) return new CompileResult(null, null, g, map, q, pl, null, stopAfter);
        ProgrammingResult pr = ProgramPass.run(pl, q, t, o);
        t0 = lap(secs, ProgramPass.NAME, t0);

        List<String> warnings = new ArrayList<>();
        MssParams ms = m.target().synapse(), ts = t.synapse();
        if (ms.rOn() != ts.rOn() || ms.rOff() != ts.rOff()) {
            warnings.add("the model was trained for synapse rOn/rOff " + ms.rOn() + "/" + ms.rOff() + " ohm but the target has "
                    + ts.rOn() + "/" + ts.rOff() + " ohm: gUnit differs, so the deployed forward map is rescaled");
        }
        if (pl.stats().tiles() > pl.stats().lowerBound() + 1 && !io.memtile.core.target.Packers.GRID.equals(o.packer())) {
            warnings.add(o.packer() + " used " + pl.stats().tiles() + " tiles, more than one above the lower bound " + pl.stats().lowerBound());
        }
        List<LayerQuantReport> qr = new ArrayList<>();
        List<LayerMapping> lm = new ArrayList<>();
        for (QuantizedLayer ql : q.layers()) {
            var d = ql.map();
            qr.add(new LayerQuantReport(d.layer(), d.inputs(), d.outputs(), n, ql.rmsError(), ql.maxError()));
            double[] cs = d.scale() != null && o.rangeMode() == io.memtile.compiler.range.RangeMode.COLUMN ? d.scale().clone() : null;
            double[] irg = ir == null ? null : ir.columnGains()[d.layer()];
            lm.add(new LayerMapping(d.layer(), d.inputs(), d.outputs(), d.gUnit(), d.gOff(), d.currentGain(), d.drive(), ql.rmsError(),
                    d.rangeScale(), cs, irg, d.driveScale() == 1 ? 0 : d.driveScale(), null,
                    lu.layers().isEmpty() ? null : lu.layers().get(d.layer())));
        }
        Target tn = t.withSynapse(new MssParams(ts.rOn(), ts.rOff(), ts.vOn(), ts.vOff(), ts.tau(), ts.thermalVoltage(), ts.phi(),
                ts.volatileOff(), n));
        Provenance prov = new Provenance(source, sha256, t.name(), o.seed(), n, o.packer(), VERSION,
                o.faults() && t.nonIdealities().stuckAtRate() > 0).withInputBins(m.training() == null ? null : m.training().bins());
        TileProgram prog = new TileProgram(TileProgram.SCHEMA_VERSION, prov, m.network(), tn, List.copyOf(lm), pr.tiles(), pr.neurons(), stats(pl, pr));
        // pass "bitline": after programming (repairs move cells and levels), on the program as built so far
        var bl = io.memtile.compiler.bitline.BitlineRefPass.run(prog, o.bitlineRef());
        if (o.bitlineRef() != null) {
            prog = new TileProgram(prog.schemaVersion(), prov, prog.network(), tn, bl.layers(), prog.tiles(), prog.neurons(), prog.stats());
            lap(secs, io.memtile.compiler.bitline.BitlineRefPass.NAME, t0);
        }
        CompileReport report = new CompileReport(CompileReport.SCHEMA_VERSION, o, secs, List.copyOf(qr), pl.stats(), pr.simulated(),
                pr.reports(), pr.repairs(), List.of(), List.copyOf(warnings), withPredictions(rm.reports(), headroom),
                ir == null ? List.of() : ir.tiles(), q.continuous() ? null : io.memtile.compiler.program.FaultReport.of(pr.tiles(), q, tn.synapse()),
                ip == null ? List.of() : ip.moved(), o.bitlineRef() == null ? null : bl.reports(), lu.layers().isEmpty() ? null : lu.layers());
        prog = io.memtile.compiler.check.ProgramHash.seal(prog);
        boolean stopped = ProgramPass.NAME.equals(stopAfter) || io.memtile.compiler.bitline.BitlineRefPass.NAME.equals(stopAfter);
        return new CompileResult(prog, report, g, map, q, pl, pr, stopped ? stopAfter : null);
    }

    static CompileStats stats(Placement pl, ProgrammingResult pr) {
        long devices = 0, pulses = 0, misses = 0, stuck = 0, cells = 0;
        double time = 0, energy = 0, sq = 0;
        for (TileProgrammingReport r : pr.reports()) {
            pulses += r.pulses();
            time += r.timeS();
            energy += r.energyJ();
            misses += r.misses();
            stuck += r.stuckFound();
            sq += r.stateSqErrLevels();
        }
        // programmed cells = cells with a target level (placed weights, after remapping)
        for (var img : pr.tiles()) for (int lv : img.targetLevel()) if (lv >= 0) cells++;
        devices = Math.max(cells, 1);
        int nt = pr.tiles().size();
        double util = nt == 0 ? 0 : cells / ((double) nt * pl.rows() * pl.cols());
        return new CompileStats(nt, pl.stats().cellLowerBound(), cells, util, pulses / (double) devices, time, energy,
                misses / (double) devices, stuck, Math.sqrt(sq / devices));
    }

    private static long lap(Map<String, Double> secs, String name, long t0) {
        long now = System.nanoTime();
        secs.put(name, (now - t0) / 1e9);
        return now;
    }

    /** The range reports with the headroom search's predicted error at the chosen fraction and its minimum (when it ran). */
    private static List<io.memtile.compiler.range.LayerRangeReport> withPredictions(List<io.memtile.compiler.range.LayerRangeReport> reps,
                                                                              List<io.memtile.compiler.range.IrHeadroom.Choice> choices) {
        if (choices.size() != reps.size()) return reps;
        List<io.memtile.compiler.range.LayerRangeReport> out = new ArrayList<>();
        for (int l = 0; l < reps.size(); l++) {
            var c = choices.get(l);
            out.add(Double.isNaN(c.predictedRms()) ? reps.get(l) : reps.get(l).withPrediction(c.predictedRms(), c.predictedRmsMin(), c.curve()));
        }
        return List.copyOf(out);
    }
}
