package io.memtile.trainer.curves;

import io.memtile.core.MemtileException;
import io.memtile.core.json.AtomicFiles;
import io.memtile.core.json.Json;
import io.memtile.core.render.Templates;
import io.memtile.trainer.eval.EvalResult;
import io.memtile.trainer.train.TrainOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records the training history next to the model after every epoch: {@code model.curves.json} (the data),
 * {@code model.curves.csv} and {@code model.curves.png}. The trainer calls {@link #epochDone} once per
 * epoch and knows nothing else about curves. Stateless on purpose: it re-reads the JSON, keeps the epochs
 * before this one and appends, so {@code --resume} continues the curves and a fresh run (epoch 1)
 * starts them over.
 */
public final class CurvesRecorder {
    private CurvesRecorder() {}

    public static TrainingCurves epochDone(TrainOptions o, int epoch, double trainLoss, double trainAccuracy, EvalResult test, double wallSeconds) {
        int depth = o.network().layers().length - 1;
        double[] act = new double[test == null ? 0 : depth];
        for (int l = 0; l < act.length; l++) act[l] = test.meanActivity(l);
        EpochPoint p = new EpochPoint(epoch, trainLoss, trainAccuracy, test == null ? -1 : test.accuracy(), test == null ? 0 : test.n(), act,
                wallSeconds);
        List<EpochPoint> points = new ArrayList<>();
        for (EpochPoint q : previous(o.out())) if (q.epoch() < epoch) points.add(q);
        if (!points.isEmpty() && points.get(points.size() - 1).epoch() != epoch - 1) points.clear(); // a gap: the old file is another run's
        points.add(p);
        TrainingCurves c = new TrainingCurves(TrainingCurves.SCHEMA_VERSION, o.out().getFileName().toString(), o.dataset(), o.network().layers(),
                o.batch(), o.lr(), o.seed(), List.copyOf(points));
        write(o.out(), c);
        return c;
    }

    /** Writes the three files (each atomically). */
    public static void write(Path model, TrainingCurves c) {
        Json.write(CurvesFiles.json(model), c);
        AtomicFiles.writeString(CurvesFiles.csv(model), csv(c));
        AtomicFiles.writeBytes(CurvesFiles.png(model), CurvesPlot.png(c));
    }

    public static String csv(TrainingCurves c) {
        return Templates.render("trainer/curves.csv.vm", Map.of("c", c, "neuronLayers", c.layers().length - 1));
    }

    /** The per-epoch table that {@code memtile eval} prints. */
    public static String table(TrainingCurves c, Path jsonFile, Path pngFile) {
        return Templates.render("trainer/curves.txt.vm", Map.of("c", c, "neuronLayers", c.layers().length - 1, "jsonFile", jsonFile.toString(),
                "pngFile", pngFile.toString()));
    }

    /** The curves already on disk for this model; none when absent or unreadable (they are derived output, rebuilt from here on). */
    static List<EpochPoint> previous(Path model) {
        Path f = CurvesFiles.json(model);
        if (!Files.exists(f)) return List.of();
        try {
            return Json.read(f, TrainingCurves.class).epochs();
        } catch (MemtileException e) {
            return List.of();
        }
    }
}
