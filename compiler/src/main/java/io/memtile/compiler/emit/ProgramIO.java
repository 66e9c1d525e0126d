package io.memtile.compiler.emit;

import io.memtile.compiler.CompileReport;
import io.memtile.compiler.CompileResult;
import io.memtile.compiler.LayerQuantReport;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.PulseLog;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.compiler.program.WriteVerify;
import io.memtile.compiler.quant.QuantizedLayer;
import io.memtile.compiler.view.ChipOverviewImage;
import io.memtile.compiler.view.TileMapImage;
import io.memtile.compiler.view.TileMaps;
import io.memtile.core.MemtileException;
import io.memtile.core.json.AtomicFiles;
import io.memtile.core.json.Json;
import io.memtile.core.render.Templates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Pass 6, emit: writes {@code prog/} all-or-nothing (AtomicFiles.writeDirectory):
 * <ul>
 *   <li>{@code program.json} — the {@link TileProgram} (what the simulator reads)</li>
 *   <li>{@code compile-report.json} — the per-pass {@link CompileReport}</li>
 *   <li>{@code summary.md} — rendered from templates/compiler/summary.md.vm</li>
 *   <li>{@code tiles/tile-NNN.csv} — per-tile pulse sequence (templates/compiler/tile-program.csv.vm)</li>
 *   <li>{@code heatmaps/tile-NNN.png} — per-tile map: levels with a colour bar, labelled block outlines, stuck
 *       cells, unused bands ({@link io.memtile.compiler.view.TileMapImage})</li>
 *   <li>{@code chip-overview.png} — all tiles on one image, coloured per layer ({@link io.memtile.compiler.view.ChipOverviewImage})</li>
 * </ul>
 * and reads programs back with a clear error when program.json is missing or corrupt.
 */
public final class ProgramIO {
    public static final String PROGRAM = "program.json", REPORT = "compile-report.json", SUMMARY = "summary.md",
            CHIP_OVERVIEW = "chip-overview.png";
    /** Output kind of a program directory (its .memtile-output marker). */
    public static final String KIND = "program";

    private ProgramIO() {}

    /** Reads {@code progDir/program.json} strictly; names the file and field on any problem. */
    public static TileProgram read(Path progDir) {
        Path f = Files.isDirectory(progDir) ? progDir.resolve(PROGRAM) : progDir;
        if (!Files.exists(f)) {
            throw new MemtileException(f.toString(), null, "no compiled program here (run `memtile compile model.json --out "
                    + progDir + "` first)");
        }
        TileProgram p = Json.read(f, TileProgram.class);
        if (p.schemaVersion() != TileProgram.SCHEMA_VERSION) {
            throw new MemtileException(f.toString(), "schemaVersion", "is " + p.schemaVersion() + ", this memtile reads " + TileProgram.SCHEMA_VERSION);
        }
        return p;
    }

    /** Writes everything (tile CSVs and heat maps included). */
    public static void write(Path progDir, CompileResult r) {
        write(progDir, r, true);
    }

    /**
     * @param tileFiles write the per-tile CSVs and heat maps (off for very large networks: a
     *                  4096-4096-4096-10 program has thousands of tiles and hundreds of millions of pulses)
     */
    public static void write(Path progDir, CompileResult r, boolean tileFiles) {
        if (r.program() == null) throw new IllegalArgumentException("compilation was stopped after " + r.stoppedAfter() + "; use writeDump");
        TileProgram p = r.program();
        p.validate(io.memtile.core.json.Fields.root(progDir.resolve(PROGRAM).toString()));
        AtomicFiles.writeDirectory(progDir, KIND, dir -> {
            Json.write(dir.resolve(PROGRAM), p);
            Json.write(dir.resolve(REPORT), r.report());
            AtomicFiles.writeString(dir.resolve(SUMMARY), summary(p, r.report()));
            if (tileFiles) {
                Files.createDirectories(dir.resolve("tiles"));
                Files.createDirectories(dir.resolve("heatmaps"));
                Map<Integer, PulseLog> logs = r.programming().pulseLogs().stream().collect(Collectors.toMap(l -> l.tile, l -> l));
                // the pictures carry the content hash of the program they show, so they can be matched to it
                String hash = p.provenance().contentSha256();
                int placed = r.report().placement().tiles();
                // rendering (Velocity CSV, PNG encoding) dominates emission and every tile is independent: render a
                // batch of tiles on the compile's threads, then write it in tile order; batches bound the memory held
                int th = Math.max(1, r.report().options().threads());
                List<TileImage> tiles = p.tiles();
                int batch = 4 * th;
                ForkJoinPool pool = new ForkJoinPool(th);
                try {
                    byte[] overview = null;
                    for (int b0 = 0; b0 < tiles.size(); b0 += batch) {
                        int from = b0, n = Math.min(batch, tiles.size() - b0);
                        String[] csv = new String[n];
                        byte[][] png = new byte[n + 1][];
                        boolean withOverview = b0 == 0;
                        pool.submit(() -> IntStream.range(0, n + (withOverview ? 1 : 0)).parallel().forEach(i -> {
                            if (i == n) {
                                png[n] = ChipOverviewImage.png(TileMaps.chip(p, r.report().repairs(), placed, hash));
                                return;
                            }
                            TileImage t = tiles.get(from + i);
                            csv[i] = tileCsv(t.id(), logs.get(t.id()));
                            png[i] = TileMapImage.png(TileMaps.tile(p, t, r.report().repairs(), placed, hash));
                        })).get();
                        if (withOverview) overview = png[n];
                        for (int i = 0; i < n; i++) {
                            String name = String.format(java.util.Locale.ROOT, "tile-%03d", tiles.get(from + i).id());
                            AtomicFiles.writeString(dir.resolve("tiles").resolve(name + ".csv"), csv[i]);
                            AtomicFiles.writeBytes(dir.resolve("heatmaps").resolve(name + ".png"), png[i]);
                        }
                    }
                    if (overview == null) overview = ChipOverviewImage.png(TileMaps.chip(p, r.report().repairs(), placed, hash));
                    AtomicFiles.writeBytes(dir.resolve(CHIP_OVERVIEW), overview);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while rendering tile files", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IllegalStateException(e.getCause());
                } finally {
                    pool.shutdown();
                }
            }
        });
    }

    /** Renders one tile's programming sequence (empty body when programming was idealised). */
    public static String tileCsv(int tile, PulseLog log) {
        List<PulseRow> rows = log == null ? List.of() : new AbstractList<>() {
            @Override
            public PulseRow get(int i) {
                return new PulseRow(tile, log.row.get(i), log.col.get(i), log.pulse.get(i), log.kind.get(i) == WriteVerify.SET ? "SET" : "RESET",
                        log.volts.get(i), log.widthNs.get(i), log.expectedLevel.get(i));
            }

            @Override
            public int size() { return log.size(); }
        };
        return Templates.render("compiler/tile-program.csv.vm", Map.of("pulses", rows));
    }

    /** Pairs a layer's mapping with its quantisation figures for the summary template. */
    public record LayerRow(LayerMapping m, LayerQuantReport q) {}

    public static String summary(TileProgram p, CompileReport rep) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("prov", p.provenance());
        ctx.put("levels", p.provenance().switches() + 1);
        ctx.put("layersText", Arrays.stream(p.network().layers()).mapToObj(Integer::toString).collect(Collectors.joining("-")));
        ctx.put("place", rep.placement());
        ctx.put("rows", p.target().tile().rows());
        ctx.put("cols", p.target().tile().cols());
        ctx.put("spare", p.target().tile().spareColumns());
        ctx.put("util", 100 * p.stats().utilisation());
        List<LayerRow> q = new ArrayList<>();
        for (int l = 0; l < p.layers().size(); l++) q.add(new LayerRow(p.layers().get(l), rep.quantisation().get(l)));
        ctx.put("quant", q);
        ctx.put("sweep", rep.quantSweep());
        ctx.put("simulated", rep.programmingSimulated());
        ctx.put("stats", p.stats());
        ctx.put("repairTiles", p.stats().tilesUsed() - rep.placement().tiles());
        ctx.put("missPct", 100 * p.stats().missFraction());
        ctx.put("compensated", rep.count("COMPENSATED"));
        ctx.put("remapped", rep.count("REMAPPED"));
        ctx.put("unrepaired", rep.count("UNREPAIRED"));
        ctx.put("tiles", rep.tiles());
        ctx.put("repairs", rep.repairs());
        ctx.put("warnings", rep.warnings());
        return Templates.render("compiler/summary.md.vm", ctx);
    }

    /**
     * {@code --dump-after PASS}: writes {@code progDir/dump-PASS.json} (all-or-nothing) holding that
     * pass's typed output; compilation stops there and no program.json is written.
     */
    public static Path writeDump(Path progDir, CompileResult r) {
        String pass = r.stoppedAfter();
        Object view = switch (pass) {
            case "lower" -> r.lowered();
            case "map", "range", "levels", "drive" -> mapView(r);
            case "quantize", "irdrop" -> quantView(r);
            case "place", "irplace" -> r.placement();
            case "program" -> Map.of("tiles", r.programming().tiles(), "reports", r.programming().reports(),
                    "repairs", r.programming().repairs(), "simulated", r.programming().simulated());
            case "bitline" -> Map.of("layers", r.program().layers(), "reports", r.report().bitline() == null ? List.of() : r.report().bitline());
            default -> throw new IllegalArgumentException("no dump for pass " + pass);
        };
        AtomicFiles.writeDirectory(progDir, KIND, dir -> Json.write(dir.resolve("dump-" + pass + ".json"), view));
        return progDir.resolve("dump-" + pass + ".json");
    }

    private static Object mapView(CompileResult r) {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (var d : r.mapping().layers()) {
            double[][] gp = new double[d.outputs()][d.inputs()], gm = new double[d.outputs()][d.inputs()];
            for (int o = 0; o < d.outputs(); o++) for (int i = 0; i < d.inputs(); i++) { gp[o][i] = d.gPlus(o, i); gm[o][i] = d.gMinus(o, i); }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", d.layer());
            m.put("inputs", d.inputs());
            m.put("outputs", d.outputs());
            m.put("gOff", d.gOff());
            m.put("gOn", d.gOn());
            m.put("gUnit", d.gUnit());
            m.put("currentGain", d.currentGain());
            m.put("rangeScale", d.rangeScale());
            m.put("driveScale", d.driveScale());
            if (d.scale() != null) m.put("columnScale", d.scale());
            m.put("drive", d.drive());
            m.put("gPlus", gp);
            m.put("gMinus", gm);
            layers.add(m);
        }
        return Map.of("layers", layers);
    }

    private static Object quantView(CompileResult r) {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (QuantizedLayer q : r.quantized().layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", q.layer());
            m.put("switches", q.switches());
            m.put("continuous", q.continuous());
            m.put("rmsError", q.rmsError());
            m.put("maxError", q.maxError());
            m.put("plusLevels", q.plus());
            m.put("minusLevels", q.minus());
            layers.add(m);
        }
        return Map.of("switches", r.quantized().switches(), "layers", layers);
    }
}
