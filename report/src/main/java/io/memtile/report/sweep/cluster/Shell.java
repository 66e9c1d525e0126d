package io.memtile.report.sweep.cluster;

/** Quoting for the shell and YAML lines the cluster templates emit (a path may contain spaces or quotes). */
public final class Shell {
    public static final Shell INSTANCE = new Shell();

    private Shell() {}

    /** POSIX single-quoted word: safe for any string. */
    public String q(String s) { return "'" + s.replace("'", "'\"'\"'") + "'"; }

    /** A JSON string literal, which YAML reads as the same string. */
    public String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
