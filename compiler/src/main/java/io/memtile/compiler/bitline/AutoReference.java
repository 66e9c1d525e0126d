package io.memtile.compiler.bitline;

import io.memtile.core.MemtileException;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.ReferenceForward;
import io.memtile.trainer.model.ModelArtifact;

/**
 * {@code --bitline-ref auto}: per membrane-driven layer l &gt;= 1, the mean membrane voltage of the neuron layer that
 * drives it (weight layer l-1's outputs), over every step and neuron of the first training samples, from the
 * trainer's float64 reference forward ({@link ReferenceForward}). For a layer whose word lines all had the same
 * conductance load this is the reference that minimises the full-run heat into its own columns,
 * sum (V - V_ref)^2; the early-decision optimum lies nearer the voltages of the first steps.
 */
public final class AutoReference {
    private AutoReference() {}

    /** One V_ref per membrane-driven layer 1..L-1 over the first {@code samples} samples of {@code d}. */
    public static double[] meanMembrane(ModelArtifact m, Dataset d, int samples) {
        if (m.training() != null && m.training().bins() != null) {
            throw new MemtileException("--bitline-ref", null, "auto needs a static-input model; this one was trained on binned events: give the voltages");
        }
        int n = Math.min(samples, d.size());
        if (n < 1) throw new MemtileException("--bitline-ref", null, "auto found no training samples in " + d.name());
        int depth = m.weights().length;
        double[] sum = new double[depth - 1];
        long[] cnt = new long[depth - 1];
        double[] x = new double[d.dim()];
        for (int i = 0; i < n; i++) {
            d.sample(i, x);
            double[][][] tr = ReferenceForward.traces(m, x);
            for (int l = 1; l < depth; l++) {
                for (double[] vt : tr[l - 1]) {
                    for (double v : vt) sum[l - 1] += v;
                    cnt[l - 1] += vt.length;
                }
            }
        }
        double[] refs = new double[depth - 1];
        for (int k = 0; k < refs.length; k++) refs[k] = sum[k] / cnt[k];
        return refs;
    }
}
