package io.memtile.trainer.engine;

import io.memtile.core.MemtileException;
import io.memtile.trainer.model.ModelArtifact;

/**
 * The reference forward map of a trained model, as the trainer computes it: what the simulator
 * must reproduce (to 1e-6 V) in its ideal configuration.
 */
public final class ReferenceForward {
    private ReferenceForward() {}

    /**
     * Membrane voltages for one input: [weight layer l = 0..L-1 (neuron layer l+1)][step t][neuron],
     * each the voltage AFTER step t (t = 0..steps-1). Neurons start at {@code MifKernel.restState()}.
     */
    public static double[][][] traces(ModelArtifact m, double[] input) {
        Network net = Network.of(m);
        if (input.length != net.inputs()) {
            throw new MemtileException("input", null, "has " + input.length + " values but the model has " + net.inputs() + " inputs");
        }
        Bptt ws = new Bptt(net);
        ws.forward(input, -1, m.weights());
        double[][][] out = new double[net.depth][][];
        for (int l = 0; l < net.depth; l++) {
            double[][] v = ws.voltages(l);
            out[l] = new double[net.steps][];
            for (int t = 0; t < net.steps; t++) out[l][t] = v[t + 1].clone();
        }
        return out;
    }

    /** The class the model's readout predicts for one input. */
    public static int predict(ModelArtifact m, double[] input) {
        Bptt ws = new Bptt(Network.of(m));
        ws.forward(input, -1, m.weights());
        return ws.predict();
    }
}
