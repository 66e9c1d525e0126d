package io.memtile.compiler.drive;

import io.memtile.compiler.map.DifferentialLayer;
import io.memtile.compiler.map.DifferentialMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * Pass "drive": compensates the range scale of alpha-driven layers in the alpha drivers' amplitude
 * instead of the neuron's current gain.
 *
 * <p>Why: the range pass ({@code range.RangeMapPass}) stores s·w in the devices (s = rangeScale, about 3
 * for the trained first layer) and divides the current gain by s. The row voltages stay at the trained
 * amplitude, so every first-layer cell carries s times the current and the word lines dissipate s times
 * the trained heat (V² G grows with G). The first layer's rows are driven by alpha generators whose
 * amplitude is a design parameter: dividing it by s instead keeps the neuron current exactly the same
 * ((s G)(V/s) = G V) while the heat V² G falls by s² against gain compensation (same conductances,
 * 1/s the voltage), and by about s against the trained convention (only the common-mode gOff part of
 * each cell does not scale with s). Layers driven by membrane voltages have no amplitude to scale (the voltages are
 * the upstream neurons' state), so they keep the gain compensation.
 *
 * <p>After the pass: currentGain · rangeScale · layerScale · driveScale = 1 for every layer
 * ({@code check.MappingChecks} verifies it in {@code memtile verify}).
 */
public final class DriveScalePass {
    public static final String NAME = "drive";

    private DriveScalePass() {}

    public static DifferentialMapping run(DifferentialMapping m) {
        List<DifferentialLayer> out = new ArrayList<>();
        for (DifferentialLayer d : m.layers()) out.add(compensate(d));
        return new DifferentialMapping(List.copyOf(out));
    }

    static DifferentialLayer compensate(DifferentialLayer d) {
        double s = d.rangeScale();
        if (!"ALPHA".equals(d.drive()) || s == 1 || !(s > 0)) return d;
        // the range pass divided the gain by s (and by 1/driveScale, 1 here): undo it and move 1/s into the drive
        return new DifferentialLayer(d.layer(), d.inputs(), d.outputs(), d.gOff(), d.gOn(), d.gUnit(), d.currentGain() * s, d.drive(),
                d.weights(), s, d.scale(), d.driveScale() / s);
    }
}
