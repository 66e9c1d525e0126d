package io.memtile.trainer.importer;

import io.memtile.core.MemtileException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0-3.0). ND4J reads the data, but we parse
 * the header ourselves first because ND4J 1.0.0-M2.1 silently ignores {@code fortran_order: True}
 * (returning a scrambled matrix) and would misread big-endian data; both must be handled or rejected
 * before a weight reaches a crossbar.
 *
 * @param descr        dtype string, e.g. {@code <f4}
 * @param fortranOrder column-major data
 * @param shape        array shape
 * @param dataOffset   byte offset of the data
 */
public record NpyHeader(String descr, boolean fortranOrder, long[] shape, int dataOffset) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Parses the header of {@code bytes}; {@code source} names the file (and npz entry) in errors. */
    public static NpyHeader parse(String source, byte[] bytes) {
        if (bytes.length < 10) throw new MemtileException(source, "header", "too short for a .npy file (" + bytes.length + " bytes)");
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) throw new MemtileException(source, "header.magic", "not a NumPy .npy file (missing \\x93NUMPY magic)");
        }
        int major = bytes[6] & 0xff;
        int len;
        int start;
        if (major == 1) {
            len = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw new MemtileException(source, "header", "truncated .npy header");
            len = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8 | (bytes[10] & 0xff) << 16 | (bytes[11] & 0xff) << 24;
            start = 12;
        } else {
            throw new MemtileException(source, "header.version", "unsupported .npy format version " + major + "." + (bytes[7] & 0xff));
        }
        if (len < 0 || start + len > bytes.length) throw new MemtileException(source, "header", "truncated .npy header");
        String dict = new String(bytes, start, len, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find()) throw new MemtileException(source, "header.descr", "missing in .npy header: " + dict.strip());
        if (!f.find()) throw new MemtileException(source, "header.fortran_order", "missing in .npy header: " + dict.strip());
        if (!s.find()) throw new MemtileException(source, "header.shape", "missing in .npy header: " + dict.strip());
        String[] parts = s.group(1).split(",");
        long[] shape = new long[parts.length];
        int n = 0;
        for (String p : parts) {
            String t = p.strip();
            if (t.isEmpty()) continue;
            try {
                shape[n++] = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
            } catch (NumberFormatException e) {
                throw new MemtileException(source, "header.shape", "cannot parse shape (" + s.group(1) + ")");
            }
        }
        return new NpyHeader(d.group(1), f.group(1).equals("True"), java.util.Arrays.copyOf(shape, n), start + len);
    }

    /** Bytes per element of the supported dtypes, or -1. */
    public int elementBytes() {
        return switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> -1;
        };
    }

    public long elements() {
        long e = 1;
        for (long d : shape) e *= d;
        return e;
    }

    public String shapeString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) sb.append(i == 0 ? "" : ", ").append(shape[i]);
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
