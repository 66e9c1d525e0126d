package io.memtile.compiler.irdrop;

/**
 * Residual transfer error of one tile after IR drop (pass "irdrop"), in trained-weight units: the RMS
 * and max over the tile's placed weights of |T/(a gUnit s) - w_q|, where T is the exact (IR-drop) transfer
 * of the cell pair, a the output's gain correction and w_q the quantised weight it should carry.
 *
 * @param tile          tile index (placement order)
 * @param pairs         column pairs on the tile
 * @param rmsBefore     with the plain quantised targets (and the best per-output gain)
 * @param maxBefore     ...
 * @param rmsAfter      with the compensated targets and the recorded column gain
 * @param maxAfter      ...
 * @param meanGain      mean attenuation a of the tile's pairs (1 = no IR drop)
 * @param levelsChanged devices whose target level the pass moved
 */
public record TileIrReport(int tile, int pairs, double rmsBefore, double maxBefore, double rmsAfter, double maxAfter, double meanGain,
                           long levelsChanged) {}
