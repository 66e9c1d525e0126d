package io.memtile.compiler.check;

import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.TileProgram;
import io.memtile.compiler.quant.QuantizePass;
import io.memtile.trainer.model.ModelArtifact;
import java.util.List;

/**
 * Checks of the issue-8 mapping fields of {@code layers[]}: range mapping (rangeScale, columnScale) and
 * the IR-drop gain correction (irGain). Kept apart from {@link ProgramChecker}'s geometry checks so each
 * aspect is one small unit.
 */
public final class MappingChecks {
    private MappingChecks() {}

    /** Gains compensate the range scale exactly; per-output arrays have one finite positive entry per output. */
    static void gains(TileProgram p, List<String> v) {
        double[] layerScales = p.network().layerScales();
        for (int l = 0; l < p.layers().size() && l < layerScales.length; l++) {
            LayerMapping lm = p.layers().get(l);
            String lf = "layers[" + l + "]";
            if (lm.rangeScale() < 0 || !Double.isFinite(lm.rangeScale())) v.add(lf + ".rangeScale: is " + lm.rangeScale() + ", must be > 0 (or absent)");
            if (lm.driveScale() < 0 || !Double.isFinite(lm.driveScale())) v.add(lf + ".driveScale: is " + lm.driveScale() + ", must be > 0 (or absent)");
            if (lm.driveFactor() != 1 && !"ALPHA".equals(lm.drive())) {
                v.add(lf + ".driveScale: is " + lm.driveScale() + " but the layer is driven by " + lm.drive() + " (only alpha drivers have an amplitude to scale)");
            }
            // the range scale is compensated in the current gain or in the drive: gain * range * layerScale * drive = 1
            double want = 1.0 / (layerScales[l] * lm.scale() * lm.driveFactor());
            if (Math.abs(lm.currentGain() - want) > 1e-9 * Math.abs(want)) {
                v.add(lf + ".currentGain: is " + lm.currentGain() + " but 1/(layerScale " + layerScales[l] + " * rangeScale " + lm.scale()
                        + " * driveScale " + lm.driveFactor() + ") = " + want);
            }
            array(lm.columnScale(), lm.outputs(), lf + ".columnScale", v);
            array(lm.irGain(), lm.outputs(), lf + ".irGain", v);
        }
    }

    /** Only the per-output arrays (columnScale, irGain): lengths and values. For in-memory programs. */
    public static void outputArrays(TileProgram p, List<String> v) {
        for (int l = 0; l < p.layers().size(); l++) {
            LayerMapping lm = p.layers().get(l);
            array(lm.columnScale(), lm.outputs(), "layers[" + l + "].columnScale", v);
            array(lm.irGain(), lm.outputs(), "layers[" + l + "].irGain", v);
        }
    }

    private static void array(double[] a, int outputs, String field, List<String> v) {
        if (a == null) return;
        if (a.length != outputs) { v.add(field + ": has " + a.length + " entries for " + outputs + " outputs"); return; }
        for (int o = 0; o < a.length; o++) {
            if (!(Double.isFinite(a[o]) && a[o] > 0)) { v.add(field + "[" + o + "]: is " + a[o] + ", must be finite and > 0"); return; }
        }
    }

    /**
     * The level difference k of weight (layer, o, x) against the model: without IR compensation exactly the
     * jointly optimal quantisation of s_o*w; with it (irGain present) within [-N, N] (the compensated value depends on the tile's IR drop, which verify does not re-solve). The range
     * scale, when there is one, must not clip: |s_o w| &lt;= 1 (the trainer's convention clamps by design), unless the layer
     * records a level-use floor ({@code levelUse}), whose clipped weights then quantise to +-N ({@link LevelUseCheck}).
     *
     * @return a violation, or null
     */
    static String weight(LayerMapping lm, ModelArtifact model, int layer, int o, int x, int k, int n, String bf) {
        double w = model.weights()[layer][o][x];
        double sw = lm.scale(o) * w;
        String id = "weight [" + layer + "][" + o + "][" + x + "]";
        boolean ranged = lm.rangeScale() > 0 && (lm.rangeScale() != 1 || lm.columnScale() != null);
        // the level-use floor (pass "levels") saturates the weights beyond level N on purpose; its record counts them
        if (ranged && lm.levelUse() == null && Math.abs(sw) > 1 + 1e-9) return bf + ": " + id + " is " + w + ", beyond the range scale " + lm.scale(o) + " (|s w| > 1 clips)";
        int want = QuantizePass.bestDifference(sw, n);
        if (lm.irGain() == null) {
            return k == want ? null : bf + ": " + id + " reconstructs " + k + "/" + n + " but the model quantises to " + want + "/" + n;
        }
        // the compensated value depends on the tile's exact IR drop (weights near zero may even cross it),
        // which verify does not re-solve: only the range is checked; the residual is in the compile report
        if (Math.abs(k) > n) return bf + ": " + id + " IR-compensated level " + k + " outside [-" + n + ", " + n + "]";
        return null;
    }
}
