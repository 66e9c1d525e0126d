package io.memtile.report;

/**
 * One line of the worked arithmetic behind the table, so a reader can check every figure by hand.
 *
 * @param symbol  short name, e.g. "P_tile"
 * @param meaning what it is
 * @param formula the formula with the target's numbers substituted
 * @param value   the value in SI units (or a count)
 * @param display the value formatted with its unit
 */
public record DerivationStep(String symbol, String meaning, String formula, double value, String display) {}
