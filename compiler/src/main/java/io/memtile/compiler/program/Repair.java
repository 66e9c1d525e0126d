package io.memtile.compiler.program;

/**
 * One fault the compiler found while programming and what it did about it.
 *
 * @param tile       tile
 * @param layer      weight layer of the affected column pair
 * @param output     logical output (neuron index) of the affected column pair
 * @param row        physical row of the stuck device
 * @param col        physical column of the stuck device
 * @param stuckLevel level the stuck device is frozen at
 * @param action     COMPENSATED (partner device re-targeted so the pair difference is unchanged),
 *                   REMAPPED (column pair moved to free columns of its tile, or to free rows
 *                   and columns of another tile, and re-programmed) or UNREPAIRED (no room
 *                   anywhere: the weight keeps the error and its devices count as misses)
 * @param toTile     tile the column pair moved to (REMAPPED), else -1
 * @param toPlusCol  new G+ column (REMAPPED), else -1
 * @param toMinusCol new G- column (REMAPPED), else -1
 */
public record Repair(int tile, int layer, int output, int row, int col, int stuckLevel, String action, int toTile, int toPlusCol,
                     int toMinusCol) {}
