package io.memtile.report;

/**
 * An input of the costing (from the target, an override or the simulation), listed in the report
 * so that a figure can always be traced to the numbers it came from.
 *
 * @param name    e.g. "adc.bits"
 * @param display value with unit
 * @param source  "target", "override", "simulated", "scaled"
 */
public record Parameter(String name, String display, String source) {}
