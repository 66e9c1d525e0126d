package io.memtile.report;

/**
 * Escaping for the templates ($esc): the Java side produces Unicode text (µ, ², ×, Σ, V̄), which
 * LaTeX, HTML and CSV each need spelt differently.
 */
public final class Escapes {
    public static final Escapes INSTANCE = new Escapes();

    private Escapes() {}

    /** LaTeX text mode; Unicode symbols become math or textcomp commands so pdflatex needs no inputenc tricks. */
    public String tex(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> b.append('\\').append(c);
                case '~' -> b.append("\\textasciitilde{}");
                case '^' -> b.append("\\textasciicircum{}");
                case 'µ', 'μ' -> b.append("\\ensuremath{\\mu}");
                case '²' -> b.append("\\ensuremath{^2}");
                case '³' -> b.append("\\ensuremath{^3}");
                case '⁻' -> b.append("\\ensuremath{^{-}}");
                case '¹' -> b.append("\\ensuremath{^1}");
                case '⁰' -> b.append("\\ensuremath{^0}");
                case '×' -> b.append("\\ensuremath{\\times}");
                case '·' -> b.append("\\ensuremath{\\cdot}");
                case 'Σ' -> b.append("\\ensuremath{\\Sigma}");
                case 'Ω' -> b.append("\\ensuremath{\\Omega}");
                case 'α' -> b.append("\\ensuremath{\\alpha}");
                case 'τ' -> b.append("\\ensuremath{\\tau}");
                case 'Δ' -> b.append("\\ensuremath{\\Delta}");
                case '≈' -> b.append("\\ensuremath{\\approx}");
                case '→' -> b.append("\\ensuremath{\\rightarrow}");
                case '–' -> b.append("--");
                case '−' -> b.append("\\ensuremath{-}");
                case 'σ' -> b.append("\\ensuremath{\\sigma}");
                case 'ε' -> b.append("\\ensuremath{\\varepsilon}");
                case '≤' -> b.append("\\ensuremath{\\le}");
                case '≥' -> b.append("\\ensuremath{\\ge}");
                case '…' -> b.append("\\ldots{}");
                case '\u1E20' -> b.append("\\ensuremath{\\bar{G}}");
                case '“', '”' -> b.append('"');
                case '\u0304' -> { /* combining macron: handled below via the preceding letter */ }
                default -> {
                    // Anything else non-ASCII would stop pdflatex ("Unicode character not set up"): fail here instead.
                    if (c > 127) throw new IllegalArgumentException("no LaTeX spelling for '" + c + "' (U+" + Integer.toHexString(c) + ") in: " + s);
                    b.append(c);
                }
            }
            if (i + 1 < s.length() && s.charAt(i + 1) == '\u0304') {
                // "V̄" = V + combining macron -> \bar{V}; replace the letter just appended.
                b.setLength(b.length() - 1);
                b.append("\\ensuremath{\\bar{").append(c).append("}}");
            }
        }
        return b.toString();
    }

    public String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** RFC 4180 field: quoted when it contains a comma, quote or newline. */
    public String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
