package io.memtile.core;

import java.nio.file.Path;

/**
 * The one error type the CLI turns into a one-line message and a non-zero exit. It always names
 * the file (or input) and, where there is one, the field, because a hardware engineer debugging a
 * target file needs to know exactly which number to fix.
 */
public class MemtileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final String field;

    public MemtileException(String source, String field, String message) {
        super(format(source, field, message));
        this.source = source;
        this.field = field;
    }

    public MemtileException(String source, String field, String message, Throwable cause) {
        super(format(source, field, message), cause);
        this.source = source;
        this.field = field;
    }

    public static MemtileException of(Path file, String field, String message) {
        return new MemtileException(file == null ? null : file.toString(), field, message);
    }

    public String source() { return source; }

    public String field() { return field; }

    private static String format(String source, String field, String message) {
        StringBuilder sb = new StringBuilder();
        if (source != null && !source.isEmpty()) sb.append(source).append(": ");
        if (field != null && !field.isEmpty()) sb.append("field '").append(field).append("': ");
        sb.append(message);
        return sb.toString();
    }
}
