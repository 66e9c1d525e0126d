package io.memtile.trainer.curves;

import java.nio.file.Path;

/** Where the curves of a model live: {@code model.json} → {@code model.curves.json|csv|png}. */
public final class CurvesFiles {
    private CurvesFiles() {}

    public static Path json(Path model) { return sibling(model, ".curves.json"); }

    public static Path csv(Path model) { return sibling(model, ".curves.csv"); }

    public static Path png(Path model) { return sibling(model, ".curves.png"); }

    private static Path sibling(Path model, String suffix) {
        String name = model.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return model.resolveSibling(stem + suffix);
    }
}
