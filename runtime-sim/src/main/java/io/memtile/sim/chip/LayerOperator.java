package io.memtile.sim.chip;

/**
 * Weight layer {@code layer} as this chip executes it: the effective differential transfer from
 * each logical input (word-line voltage) to each neuron's membrane node, summed over every tile
 * holding a partial of that neuron, plus what the engine needs for read noise and array energy.
 *
 * <p>Because a bit line collects current from every driven word line it crosses, the transfer of
 * neuron j from input i includes cells outside j's own block when another block of the same layer
 * shares the tile (those cells sit at their reset state, so in the ideal chip the pair's G+ and G-
 * contributions cancel; with variation they leak). Rows of a different weight layer on the same
 * tile are not coupled in: they are common-mode on the pair too, and coupling them would make the
 * within-step layer order acausal. Documented limitation.
 *
 * @param layer      weight-layer index
 * @param inputs     fan-in
 * @param outputs    neurons
 * @param gain       LayerMapping.currentGain
 * @param w          w[j*inputs + i]: dI_j/dV_i (S) with the cells as read at programming time (IR drop included when on)
 * @param wOff       the same with every cell at its own G_off (drift asymptote), or null when drift is off
 * @param q          q[j*inputs + i]: sum of G^2 over the cells linking i to j (read-noise variance per V^2), or null
 * @param rowTile    physical word lines of this layer: tile index
 * @param rowInput   ... the logical input that drives it
 * @param rowS       ... sum of conductance of its cells on sensed columns (S): its Joule load
 * @param rowSOff    ... the same at G_off (drift), or null
 * @param cellsUsed  cells inside this layer's blocks
 * @param meanCellG  mean conductance of those cells (S)
 * @param vRef       bit-line reference voltage (V) of a membrane-driven layer (program {@code layers[l].bitline}):
 *                   every cell of the layer sees V_i - vRef. 0 = bit lines at 0 V (the engines then run today's
 *                   arithmetic unchanged)
 * @param comp       per-neuron compensation current (A) added to the neuron's input current after every gain
 *                   (column gain, calibration trim: a separate DAC), or null when vRef is 0
 * @param refLoads   the rows' loads into bit lines held at a reference (any layer's on the same tile), or null when
 *                   every column the layer's rows cross sits at 0 V (then the row heat is V^2 rowS dt, as before)
 */
public record LayerOperator(int layer, int inputs, int outputs, double gain, double[] w, double[] wOff, double[] q,
                            int[] rowTile, int[] rowInput, double[] rowS, double[] rowSOff, long cellsUsed,
                            double meanCellG, double vRef, double[] comp, RowRefLoads refLoads) {
    /** Whether the engines shift the word-line voltages by vRef and add the compensation currents. */
    public boolean bitlineRef() { return vRef != 0; }

    /**
     * This operator with output j's transfer multiplied by f[j] (a per-neuron current gain: column gain of the
     * program, or a calibration trim). The gain acts on the sensed current, so the array's Joule loads
     * (rowS) are unchanged; read-noise variance scales with f^2. The bit-line compensation currents are a
     * separate DAC after the gain, so they are unchanged too.
     */
    public LayerOperator withOutputGains(double[] f) {
        double[] w2 = w.clone(), wo2 = wOff == null ? null : wOff.clone(), q2 = q == null ? null : q.clone();
        for (int j = 0; j < outputs; j++) {
            double g = f[j];
            if (g == 1.0) continue;
            for (int i = j * inputs, e = i + inputs; i < e; i++) {
                w2[i] *= g;
                if (wo2 != null) wo2[i] *= g;
                if (q2 != null) q2[i] *= g * g;
            }
        }
        return new LayerOperator(layer, inputs, outputs, gain, w2, wo2, q2, rowTile, rowInput, rowS, rowSOff, cellsUsed, meanCellG, vRef, comp, refLoads);
    }
}
