package io.memtile.report;

/**
 * One "note on the paper": an inconsistency or an omitted cost, with our figure where we can
 * compute one from the target.
 *
 * @param number 1-based, referenced from {@link Comparison#noteRef()}
 * @param title  one-line summary
 * @param text   explanation (plain text, Unicode)
 */
public record Note(int number, String title, String text) {}
