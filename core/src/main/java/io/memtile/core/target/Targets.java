package io.memtile.core.target;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves a target given as a path ("targets/paper-65nm.json") or a bundled name ("paper-65nm").
 * Bundled names let the demo and tests run from any working directory.
 */
public final class Targets {
    public static final String DEFAULT = "paper-65nm";

    private Targets() {}

    public static Target load(String pathOrName) {
        Path p = Path.of(pathOrName);
        if (Files.exists(p)) return Json.read(p, Target.class);
        String name = pathOrName.endsWith(".json") ? pathOrName.substring(0, pathOrName.length() - 5) : pathOrName;
        name = name.startsWith("targets/") ? name.substring("targets/".length()) : name;
        try (InputStream in = Targets.class.getResourceAsStream("/targets/" + name + ".json")) {
            if (in == null) {
                throw new MemtileException(pathOrName, null, "no such target file, and no bundled target of that name (bundled: paper-65nm, knowm-mss)");
            }
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "targets/" + name + ".json", Target.class);
        } catch (IOException e) {
            throw new MemtileException(pathOrName, null, "cannot read bundled target: " + e.getMessage());
        }
    }

    public static Target paper() { return load(DEFAULT); }
}
