package io.memtile.compiler.check;

import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.MssParams;
import io.memtile.trainer.model.ModelArtifact;
import java.util.List;

/**
 * The per-layer electrical mapping must follow from the network and the target, because the
 * simulator trusts it: currentGain = 1 / (network.layerScales[l] * rangeScale) (a gain multiplied by 10^6 used to
 * give 1.8e6 J per inference), drive ALPHA for the first layer and MEMBRANE after it, gUnit = gOn -
 * gOff (positive) and gOff of the target's synapse.
 */
public final class MappingCheck implements ProgramAspect {
    /** Relative tolerance: these are products of a few doubles, written and read back exactly. */
    static final double REL = 1e-12;

    @Override
    public String name() { return "layer mapping"; }

    @Override
    public void check(TileProgram p, ModelArtifact model, List<String> v) {
        MssParams s = p.target().synapse();
        double gUnit = s.gOn() - s.gOff();
        double[] scales = p.network().layerScales();
        for (int l = 0; l < p.layers().size(); l++) {
            LayerMapping lm = p.layers().get(l);
            String f = "layers[" + l + "]";
            String drive = l == 0 ? "ALPHA" : "MEMBRANE";
            if (!drive.equals(lm.drive())) v.add(f + ".drive: is " + lm.drive() + " but layer " + l + " is driven by " + drive);
            if (!(lm.gUnit() > 0) || !close(lm.gUnit(), gUnit)) v.add(f + ".gUnit: is " + lm.gUnit() + " S but the target synapse gives gOn - gOff = " + gUnit + " S");
            if (!close(lm.gOff(), s.gOff())) v.add(f + ".gOff: is " + lm.gOff() + " S but the target synapse gOff is " + s.gOff() + " S");
            if (!(lm.quantRmsError() >= 0) || !Double.isFinite(lm.quantRmsError())) v.add(f + ".quantRmsError: is " + lm.quantRmsError());
        }
        // currentGain = 1 / (layerScale * rangeScale), and the range/IR per-output gains (issue 8)
        if (p.layers().size() == scales.length) MappingChecks.gains(p, v);
    }

    static boolean close(double a, double b) {
        return Double.isFinite(a) && Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b));
    }
}
