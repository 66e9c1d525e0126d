package io.memtile.compiler.check;

import io.memtile.compiler.bitline.NominalRowSums;
import io.memtile.compiler.program.BitlineRef;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.TileProgram;
import io.memtile.trainer.model.ModelArtifact;
import java.util.List;

/**
 * The bit-line references (pass "bitline"): only membrane-driven layers may have one, its voltage is finite,
 * non-zero and within 1 V, and each neuron's compensation current equals V_ref * currentGain * columnGain *
 * sum_i w_ji recomputed from the program's target levels ({@link NominalRowSums}). The simulator adds these
 * currents as they stand, so a wrong one is a wrong network.
 */
public final class BitlineCheck implements ProgramAspect {
    /** Relative to the layer's largest compensation: the recomputation is the same arithmetic, read back exactly. */
    static final double REL = 1e-9;

    @Override
    public String name() { return "bit-line reference"; }

    @Override
    public void check(TileProgram p, ModelArtifact model, List<String> v) {
        for (int l = 0; l < p.layers().size(); l++) {
            LayerMapping lm = p.layers().get(l);
            BitlineRef b = lm.bitline();
            if (b == null) continue;
            String f = "layers[" + l + "].bitline";
            if (l == 0) {
                v.add(f + ": layer 0 is driven by the alpha generators, not membranes; only layers >= 1 can have a bit-line reference");
                continue;
            }
            if (!Double.isFinite(b.vRef()) || b.vRef() == 0 || Math.abs(b.vRef()) > 1.0) {
                v.add(f + ".vRef: is " + b.vRef() + " V; must be finite, non-zero and within 1 V");
                continue;
            }
            if (b.compensation() == null || b.compensation().length != lm.outputs()) {
                v.add(f + ".compensation: must have one current per output (" + lm.outputs() + ")");
                continue;
            }
            double[] want = NominalRowSums.compensation(p, l, b.vRef());
            double scale = 0;
            for (double x : want) scale = Math.max(scale, Math.abs(x));
            for (int j = 0; j < want.length; j++) {
                double got = b.compensation()[j];
                if (!Double.isFinite(got) || Math.abs(got - want[j]) > REL * scale) {
                    v.add(f + ".compensation[" + j + "]: is " + got + " A but V_ref * gain * sum_i w (nominal levels) gives " + want[j] + " A");
                    if (v.size() > ProgramChecker.MAX_REPORTED) return;
                }
            }
        }
    }
}
