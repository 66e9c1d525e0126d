package io.memtile.trainer.engine;

import java.util.Locale;

/** How a class is read from the output layer's membrane-voltage traces (spec section 4). */
public enum Readout {
    /** argmax_k sum_t log_softmax(V[t]/lossVoltageUnit)_k: the prototype's test-loss readout, consistent with the training loss. */
    SUM_LOG_SOFTMAX,
    /** argmax_k max_t V_k[t]: the prototype's "which neuron peaked highest" readout. */
    MAX_VOLTAGE;

    public static Readout parse(String s) {
        String u = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (u) {
            case "SUM_LOG_SOFTMAX", "LOG_SOFTMAX", "SUM" -> SUM_LOG_SOFTMAX;
            case "MAX_VOLTAGE", "MAX" -> MAX_VOLTAGE;
            default -> throw new IllegalArgumentException("unknown readout '" + s + "' (sum-log-softmax, max-voltage)");
        };
    }
}
