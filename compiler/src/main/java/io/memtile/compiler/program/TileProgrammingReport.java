package io.memtile.compiler.program;

/**
 * Programming cost of one tile (devices written in sequence).
 *
 * @param tile            tile id
 * @param devices         devices written (cells of placed blocks, including re-programmed remaps)
 * @param pulses          SET/RESET pulses
 * @param reads           verify reads
 * @param timeS           pulse widths plus verify-read times (s)
 * @param energyJ         pulse energy V^2*G*width plus read energy (J)
 * @param misses          devices outside tolerance at the end (maxPulses reached or unrepaired stuck)
 * @param stuckFound      devices verify found stuck
 * @param stateSqErrLevels sum of squared (final - target) level errors over written devices
 */
public record TileProgrammingReport(int tile, long devices, long pulses, long reads, double timeS, double energyJ,
                                    long misses, long stuckFound, double stateSqErrLevels) {}
