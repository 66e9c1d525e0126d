package io.memtile.sim.finetune;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.emit.ProgramIO;
import io.memtile.core.MemtileException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a program directory records about how it was compiled, for recompiling it the same way:
 * the full {@link CompileOptions} and the stuck devices write-verify left UNREPAIRED, both from
 * {@code compile-report.json} (program.json's provenance holds only seed, N and packer). Read as a
 * JSON tree, only these fields, so that report additions never break fine-tuning.
 *
 * @param options    the options of the original compile (threads as recorded); range, IR compensation and range
 *                   headroom as recorded, absent ones as the compiler that wrote reports without them behaved
 * @param unrepaired {tile, row, col} of every stuck device left in place with its error
 */
public record RecordedCompile(CompileOptions options, List<int[]> unrepaired) {
    public static RecordedCompile read(Path progDir) {
        Path f = (Files.isDirectory(progDir) ? progDir : progDir.toAbsolutePath().getParent()).resolve(ProgramIO.REPORT);
        if (!Files.exists(f)) throw new MemtileException(f.toString(), null, "not found: finetune recompiles with the options recorded there");
        JsonObject root;
        try (Reader r = Files.newBufferedReader(f); var jr = jakarta.json.Json.createReader(r)) {
            root = jr.readObject();
        } catch (IOException | RuntimeException e) {
            throw new MemtileException(f.toString(), null, "cannot read: " + e.getMessage());
        }
        String src = f.toString();
        JsonObject o = object(root, "options", src);
        CompileOptions co;
        try {
            co = new CompileOptions(o.getJsonNumber("seed").longValue(), o.getString("packer"), o.getInt("switches"), o.getBoolean("quantize"),
                    o.getBoolean("programmingNoise"), o.getBoolean("faults"), o.getBoolean("pulseLog"), o.getInt("threads"),
                    o.getInt("repairTiles"), o.getString("range", "off"), o.getBoolean("irCompensation", false),
                    o.getBoolean("irPlacement", false), o.getBoolean("rangeHeadroom", false),
                    o.containsKey("headroomTolerance") ? o.getJsonNumber("headroomTolerance").doubleValue() : 0.0, null,
                    o.containsKey("levelUse") ? o.getJsonNumber("levelUse").doubleValue() : 0.0, o.getInt("maxTileRows", 0));
        } catch (NullPointerException | ClassCastException e) {
            throw new MemtileException(src, "options", "is missing a field or has a mistyped one (" + e.getMessage() + ")");
        }
        List<int[]> un = new ArrayList<>();
        JsonValue rv = root.get("repairs");
        if (!(rv instanceof JsonArray reps)) throw new MemtileException(src, "repairs", "missing or not an array");
        for (int i = 0; i < reps.size(); i++) {
            JsonObject rep = reps.getJsonObject(i);
            try {
                if ("UNREPAIRED".equals(rep.getString("action"))) un.add(new int[] {rep.getInt("tile"), rep.getInt("row"), rep.getInt("col")});
            } catch (NullPointerException | ClassCastException e) {
                throw new MemtileException(src, "repairs[" + i + "]", "is missing a field or has a mistyped one");
            }
        }
        return new RecordedCompile(co, List.copyOf(un));
    }

    private static JsonObject object(JsonObject root, String name, String src) {
        JsonValue v = root.get(name);
        if (!(v instanceof JsonObject o)) throw new MemtileException(src, name, "missing or not an object");
        return o;
    }
}
