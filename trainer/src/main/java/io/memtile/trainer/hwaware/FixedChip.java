package io.memtile.trainer.hwaware;

/**
 * What is known about one chip instance, per weight layer l and flat weight index k = j*inputs + i:
 * held fixed by {@link HwTransform} instead of being sampled (used by {@code memtile finetune}).
 *
 * @param stuckPlus   [l][k] the G+ device is stuck
 * @param stuckMinus  [l][k] the G- device is stuck
 * @param stuckGPlus  [l][k] conductance of a stuck G+ device (S)
 * @param stuckGMinus [l][k] conductance of a stuck G- device (S)
 * @param attPlus     [l][k] IR-drop attenuation of the G+ cell on this chip
 * @param attMinus    [l][k] IR-drop attenuation of the G- cell
 * @param offset      [l][k] normalised weight the per-cell model misses on this chip (exact transfer minus
 *                    model at the programmed weights: sneak paths, leakage of cells outside the block,
 *                    programming error); added unchanged
 * @param outputScale [l][j] range-mapping scale s_j of output j (the compiler's rangeScale / columnScale): the
 *                    devices carry s_j w, quantised to levels round(N s_j w), and the neuron current divides
 *                    s_j out again; null = 1 (the trainer's convention)
 */
public record FixedChip(boolean[][] stuckPlus, boolean[][] stuckMinus, double[][] stuckGPlus, double[][] stuckGMinus,
                        double[][] attPlus, double[][] attMinus, double[][] offset, double[][] outputScale) {
    /** No range mapping. */
    public FixedChip(boolean[][] stuckPlus, boolean[][] stuckMinus, double[][] stuckGPlus, double[][] stuckGMinus, double[][] attPlus,
                     double[][] attMinus, double[][] offset) {
        this(stuckPlus, stuckMinus, stuckGPlus, stuckGMinus, attPlus, attMinus, offset, null);
    }

    /** The range scale of output j of layer l (1 without range mapping). */
    public double scale(int l, int j) { return outputScale == null ? 1.0 : outputScale[l][j]; }

    /** Stuck cells over all layers. */
    public long stuckCells() {
        long n = 0;
        for (int l = 0; l < stuckPlus.length; l++) {
            for (int k = 0; k < stuckPlus[l].length; k++) {
                if (stuckPlus[l][k]) n++;
                if (stuckMinus[l][k]) n++;
            }
        }
        return n;
    }
}
