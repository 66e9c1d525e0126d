package io.memtile.trainer.train;

import io.memtile.core.memory.MemoryBudget;
import io.memtile.physics.mif.MifKernel;
import io.memtile.trainer.model.NetworkConfig;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Training's memory estimate, checked before the first allocation: weights, Adam's two moments and
 * the batch gradient (4 copies of the parameters), the per-sample deep-layer gradients of a batch,
 * and each worker's BPTT tape (states of every neuron at every step). `--layers 784,1048576,10`
 * used to die in Adam's constructor with OutOfMemoryError.
 */
public final class TrainMemory {
    private TrainMemory() {}

    public static double estimateBytes(NetworkConfig c, int batch, int threads) {
        int[] w = c.layers();
        double params = 0, deep = 0, neurons = 0, tapeIn = 0;
        for (int l = 0; l + 1 < w.length; l++) {
            double p = (double) w[l] * w[l + 1];
            params += p;
            if (l > 0) deep += p;
            neurons += w[l + 1];
            tapeIn += w[l];
        }
        double steps = c.steps();
        double perWorker = 4 * (steps + 1) * neurons + MifKernel.TAPE_STRIDE * steps * tapeIn;
        return 8 * (4 * params + batch * (deep + w[0] + w[1]) + threads * perWorker);
    }

    /** Inference (eval): the weights once, and each worker's state of every neuron at every step. */
    public static double inferenceBytes(NetworkConfig c, int threads) {
        int[] w = c.layers();
        double params = 0, neurons = 0;
        for (int l = 0; l + 1 < w.length; l++) {
            params += (double) w[l] * w[l + 1];
            neurons += w[l + 1];
        }
        return 8 * (params + threads * 4 * (c.steps() + 1.0) * neurons);
    }

    /** For a model read from {@code source}: its steps and widths are what the user changes. */
    public static void checkInference(NetworkConfig c, int threads, String source) {
        MemoryBudget.require(source, inferenceBytes(c, threads), "evaluating " + Arrays.stream(c.layers()).mapToObj(Integer::toString)
                .collect(Collectors.joining("-")) + " over " + c.steps() + " steps on " + threads + " threads");
    }

    public static void check(NetworkConfig c, int batch, int threads) {
        String net = Arrays.stream(c.layers()).mapToObj(Integer::toString).collect(Collectors.joining("-"));
        for (int l = 0; l + 1 < c.layers().length; l++) {
            MemoryBudget.requireArrayLength("--layers", (double) c.layers()[l] * c.layers()[l + 1], "weight layer " + l + " of " + net);
        }
        MemoryBudget.require("--layers", estimateBytes(c, batch, threads),
                "training " + net + " (weights, Adam moments, batch gradients, BPTT tape of " + c.steps() + " steps on " + threads + " threads)");
    }
}
