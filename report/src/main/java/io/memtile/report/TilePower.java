package io.memtile.report;

/**
 * Per-tile power breakdown.
 *
 * @param tile          tile index
 * @param usedCells     programmed cells on the tile
 * @param activity      fraction of the tile's cells carrying read current (assumed or simulated)
 * @param arrayPowerW   MEMprop array power of the tile (W)
 * @param neuronPowerW  MIF neuron (M1/M2) power of neurons homed on the tile (W); 0 in paper mode
 * @param adcPowerW     power of the tile's ADCs in the mixed-signal baseline (W)
 * @param dacPowerW     power of the tile's DACs in the mixed-signal baseline (W)
 */
public record TilePower(int tile, long usedCells, double activity, double arrayPowerW, double neuronPowerW,
                        double adcPowerW, double dacPowerW) {
    public double memtilePowerW() { return arrayPowerW + neuronPowerW; }

    public double mixedPowerW() { return arrayPowerW + adcPowerW + dacPowerW; }
}
