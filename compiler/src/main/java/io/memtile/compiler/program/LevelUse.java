package io.memtile.compiler.program;

/**
 * What the level-use pass ({@code levels.LevelUsePass}) did to one layer, recorded in {@code layers[].levelUse} of
 * program.json so {@code verify} can recompute it from the model.
 *
 * @param targetLevel  the level the 99th percentile of the active levels must reach (ceil(fraction * N))
 * @param factor       the factor the pass multiplied the range scale (and every column scale) by; 1 = the range pass's
 *                     scale already reached the target
 * @param p99Level     99th percentile (nearest rank) of the pairs' nominal active level |k| at the final scale
 * @param clipped      weights whose scaled value lies beyond level N + 1/2: they are saturated at level N
 * @param clipRmsError RMS over the clipped weights of (deployed - trained), trained-weight units (0 when none)
 * @param clipMaxError largest |deployed - trained| over the clipped weights, trained-weight units (0 when none)
 */
public record LevelUse(int targetLevel, double factor, int p99Level, int clipped, double clipRmsError, double clipMaxError) {}
