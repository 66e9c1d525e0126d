package io.memtile.trainer.eval;

import io.memtile.core.MemtileException;
import io.memtile.core.json.AtomicFiles;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.Bptt;
import io.memtile.trainer.engine.Divergence;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.Parallel;
import io.memtile.trainer.engine.Readout;
import io.memtile.trainer.model.ModelArtifact;
import java.nio.file.Path;

/**
 * {@code memtile eval --dump FILE}: one CSV row per test sample with its label, the predicted class
 * and the readout score of every class (summed log-softmax, or maximum output voltage for the
 * max-voltage readout), for analysis outside memtile. Scores use round-trip decimal text, so the
 * file reproduces the argmax exactly.
 */
public final class EvalDump {
    /** Start of the header line; recognises a previous dump for --out replacement. */
    public static final String HEADER_START = "sample,label,predicted,";

    private EvalDump() {}

    public record Dump(String csv, int n, int correct) {}

    /** Runs the reference forward pass on the first {@code limit} samples (all if &lt;= 0). */
    public static Dump compute(ModelArtifact m, Dataset d, int limit, int threads) {
        Network net = Network.of(m);
        if (d.dim() != net.inputs()) {
            throw new MemtileException(d.name(), "dim", "samples have " + d.dim() + " features but the model has " + net.inputs() + " inputs");
        }
        int n = limit > 0 ? Math.min(limit, d.size()) : d.size();
        int classes = net.classes();
        double[][] scores = new double[n][];
        int[] pred = new int[n];
        try (Parallel par = new Parallel(threads)) {
            par.forRanges(n, (wk, from, to) -> {
                Bptt ws = new Bptt(net);
                double[] p = new double[d.dim()];
                double[][] frames = d.isEvents() ? new double[d.frames().bins()][d.dim()] : null;
                for (int s = from; s < to; s++) {
                    if (frames != null) {
                        for (int k = 0; k < frames.length; k++) d.frames().frame(s, k, frames[k]);
                        ws.forward(frames, -1, m.weights());
                    } else {
                        d.sample(s, p);
                        ws.forward(p, -1, m.weights());
                    }
                    Divergence.checkForward(ws, d.name(), s);
                    pred[s] = ws.predict();
                    scores[s] = (net.readout == Readout.MAX_VOLTAGE ? ws.maxVoltage() : ws.sumLogSoftmax()).clone();
                }
            });
        }
        StringBuilder sb = new StringBuilder(HEADER_START.substring(0, HEADER_START.length() - 1));
        for (int k = 0; k < classes; k++) sb.append(",score_").append(k);
        sb.append('\n');
        int correct = 0;
        for (int s = 0; s < n; s++) {
            int label = d.label(s);
            if (label == pred[s]) correct++;
            sb.append(s).append(',').append(label).append(',').append(pred[s]);
            for (double v : scores[s]) sb.append(',').append(Double.toString(v));
            sb.append('\n');
        }
        return new Dump(sb.toString(), n, correct);
    }

    public static void write(Path file, Dump dump) {
        AtomicFiles.writeString(file, dump.csv());
    }
}
