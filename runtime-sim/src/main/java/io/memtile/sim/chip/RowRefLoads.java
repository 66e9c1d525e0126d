package io.memtile.sim.chip;

/**
 * What a word line dissipates into bit lines held at a reference voltage. A row at voltage V crossing sensed
 * columns c (bit-line voltage Vb_c, 0 V unless the column's layer has a bit-line reference) dissipates
 * sum_c (V - Vb_c)^2 G_c = V^2 S - 2 V SV + SV2, with S = sum_c G_c (LayerOperator.rowS), SV = sum_c Vb_c G_c and
 * SV2 = sum_c Vb_c^2 G_c. A membrane-driven layer's rows cross its own columns (at its V_ref) and, on a shared tile,
 * other layers' columns (at their own reference, 0 V for the alpha-driven layer); alpha-driven rows cross the
 * referenced columns of a membrane-driven layer on their tile. Per row k of the layer, in LayerOperator's row order.
 *
 * @param sv     SV per row (A/V * V = S V)
 * @param sv2    SV2 per row (S V^2)
 * @param svOff  SV with every cell at its own G_off (drift asymptote), or null when drift is off
 * @param sv2Off SV2 likewise, or null
 */
public record RowRefLoads(double[] sv, double[] sv2, double[] svOff, double[] sv2Off) {}
