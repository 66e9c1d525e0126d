package io.memtile.compiler.map;

import io.memtile.compiler.lower.CrossbarOp;
import io.memtile.compiler.lower.LayerGraph;
import io.memtile.core.target.MssParams;
import io.memtile.core.target.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Pass 2: weights to differential conductance pairs in [G_off, G_on] of the target's synapse device.
 * gUnit = gOn - gOff makes the full normalised range [-1, 1] exactly representable, which is also
 * the convention the trainer's forward map uses (NetworkConfig), so trained = deployed.
 *
 * <p>Neuron placement (the MIF membrane node is the bit-line pair of a home tile) needs tile
 * numbers, so {@code NeuronSite}s are produced by the placement pass, not here.
 */
public final class DifferentialMapPass {
    public static final String NAME = "map";

    private DifferentialMapPass() {}

    public static DifferentialMapping run(LayerGraph g, Target t) {
        MssParams s = t.synapse();
        double gOn = s.gOn(), gOff = s.gOff();
        List<DifferentialLayer> out = new ArrayList<>();
        for (CrossbarOp op : g.ops()) {
            out.add(new DifferentialLayer(op.layer(), op.inputs(), op.outputs(), gOff, gOn, gOn - gOff, op.currentGain(),
                    op.drive(), op.weights()));
        }
        return new DifferentialMapping(List.copyOf(out));
    }
}
