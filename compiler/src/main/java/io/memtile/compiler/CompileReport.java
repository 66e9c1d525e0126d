package io.memtile.compiler;

import io.memtile.compiler.place.PlacementStats;
import io.memtile.compiler.program.Repair;
import io.memtile.compiler.program.TileProgrammingReport;
import io.memtile.core.json.Versioned;
import java.util.List;
import java.util.Map;

/**
 * The per-pass reports of one compilation ({@code prog/compile-report.json}); the summary Markdown
 * is rendered from it.
 *
 * @param schemaVersion        {@link #SCHEMA_VERSION}
 * @param options              options used
 * @param passSeconds          wall time per pass
 * @param quantisation         per-layer quantisation error
 * @param placement            tiles, bounds, utilisation
 * @param programmingSimulated false when programming was idealised
 * @param tiles                per-tile programming cost
 * @param repairs              every stuck device found and what was done about it
 * @param quantSweep           optional accuracy-vs-N sweep (empty unless requested)
 * @param warnings             things the user should know (e.g. target differs from the model's)
 * @param ranges               range mapping per layer: scale, levels used before/after, read-power factor
 * @param irDrop               IR-drop-aware targets per tile: transfer error before/after (empty when off)
 * @param faults               what stuck cells still cost after fault-aware mapping, in weight units
 * @param irPlacement          rows and column pairs the IR-drop-aware placement moved per tile (empty when off)
 * @param bitline              bit-line references per membrane-driven layer (pass "bitline"; null when off, then not written)
 * @param levels               the level-use floor per layer (pass "levels"; null when off, then not written)
 */
public record CompileReport(int schemaVersion, CompileOptions options, Map<String, Double> passSeconds,
                            List<LayerQuantReport> quantisation, PlacementStats placement, boolean programmingSimulated,
                            List<TileProgrammingReport> tiles, List<Repair> repairs, List<QuantSweepPoint> quantSweep,
                            List<String> warnings, @io.memtile.core.json.OptionalField List<io.memtile.compiler.range.LayerRangeReport> ranges,
                            @io.memtile.core.json.OptionalField List<io.memtile.compiler.irdrop.TileIrReport> irDrop,
                            @io.memtile.core.json.OptionalField io.memtile.compiler.program.FaultReport faults,
                            @io.memtile.core.json.OptionalField List<io.memtile.compiler.irplace.IrPlacementPass.TileMoves> irPlacement,
                            @io.memtile.core.json.OptionalField List<io.memtile.compiler.bitline.BitlineRefPass.LayerReport> bitline,
                            @io.memtile.core.json.OptionalField List<io.memtile.compiler.program.LevelUse> levels)
        implements Versioned {
    public static final int SCHEMA_VERSION = 1;

    public long count(String action) { return repairs.stream().filter(r -> r.action().equals(action)).count(); }

    public CompileReport withQuantSweep(List<QuantSweepPoint> s) {
        return new CompileReport(schemaVersion, options, passSeconds, quantisation, placement, programmingSimulated, tiles, repairs,
                List.copyOf(s), warnings, ranges, irDrop, faults, irPlacement, bitline, levels);
    }
}
