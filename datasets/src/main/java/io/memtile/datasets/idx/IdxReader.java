package io.memtile.datasets.idx;

import io.memtile.core.MemtileException;
import io.memtile.datasets.Dataset;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of LeCun's MNIST distribution (and Fashion-MNIST, which reuses it), plain
 * or gzip-compressed. Compression is detected from the gzip magic bytes rather than the file name,
 * because mirrors routinely rename files (a {@code .gz} that was already unpacked by a browser, or
 * a compressed file without suffix).
 *
 * <p>Every structural problem is a {@link MemtileException} naming the file and the field
 * ({@code header.magic}, {@code header.count}, {@code header.rows}, {@code header.cols},
 * {@code data}, {@code data[i]}), because a truncated download is the most common way these files
 * go wrong and the user needs to know which one to fetch again.
 *
 * <p>Provenance hash: {@link Dataset#sha256()} is SHA-256 over the <em>uncompressed</em> IDX bytes
 * of the image file followed by the label file, so the same data hash the same whether it was
 * stored plain or gzipped. Reproduce it with {@code cat images labels | sha256sum} (or
 * {@code zcat} for .gz files).
 */
public final class IdxReader {
    /** Magic of an IDX file of unsigned bytes with 3 dimensions (count, rows, cols). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic of an IDX file of unsigned bytes with 1 dimension (count). */
    public static final int LABELS_MAGIC = 0x00000801;
    public static final int IMAGES_HEADER_BYTES = 16;
    public static final int LABELS_HEADER_BYTES = 8;

    /** ToTensor scaling: byte b becomes b / 255 (a table, so the 47 M-pixel loop is a load + store). */
    private static final float[] SCALE = new float[256];

    static {
        for (int i = 0; i < 256; i++) SCALE[i] = i / 255f;
    }

    private IdxReader() {}

    /** Pixels of an image file, already scaled to [0, 1], row-major per image. */
    public record Images(String source, int count, int rows, int cols, float[] features) {
        public int dim() { return rows * cols; }
    }

    /** Labels of a label file. */
    public record Labels(String source, int[] labels) {
        public int count() { return labels.length; }
    }

    /** Reads a whole file and gunzips it if it starts with the gzip magic bytes. */
    public static byte[] readRaw(Path file) {
        byte[] stored;
        try {
            stored = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw MemtileException.of(file, null, "file not found");
        } catch (IOException e) {
            throw MemtileException.of(file, null, "cannot read: " + e.getMessage());
        }
        return decode(file.toString(), stored);
    }

    /** Reads a whole stream (e.g. a classpath resource) and gunzips it if needed. */
    public static byte[] readRaw(String source, InputStream in) {
        try (in) {
            return decode(source, in.readAllBytes());
        } catch (IOException e) {
            throw new MemtileException(source, null, "cannot read: " + e.getMessage());
        }
    }

    /** True if the bytes start with the gzip magic 0x1f 0x8b. */
    public static boolean isGzip(byte[] stored) {
        return stored.length >= 2 && (stored[0] & 0xff) == 0x1f && (stored[1] & 0xff) == 0x8b;
    }

    /** Returns the IDX bytes: the input itself, or its gunzipped content if it is gzip. */
    public static byte[] decode(String source, byte[] stored) {
        if (!isGzip(stored)) return stored;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            // EOFException for a cut-off download, ZipException for a damaged one.
            throw new MemtileException(source, "data",
                    "gzip stream is truncated or corrupt (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "); fetch the file again");
        }
    }

    /** Parses an uncompressed IDX image file (magic 0x00000803). */
    public static Images parseImages(String source, byte[] raw) {
        // magic first: a short file of the other kind should be reported as swapped, not as truncated
        if (raw.length >= 4) checkMagic(source, readInt(raw, 0), IMAGES_MAGIC, "image");
        if (raw.length < IMAGES_HEADER_BYTES) {
            throw new MemtileException(source, "header",
                    "file is " + raw.length + " bytes, shorter than the 16-byte IDX image header (truncated?)");
        }
        int count = readInt(raw, 4);
        int rows = readInt(raw, 8);
        int cols = readInt(raw, 12);
        if (count < 0) throw new MemtileException(source, "header.count", "negative image count " + count);
        if (rows <= 0) throw new MemtileException(source, "header.rows", "image rows must be positive, got " + rows);
        if (cols <= 0) throw new MemtileException(source, "header.cols", "image cols must be positive, got " + cols);
        long dim = (long) rows * cols;
        long expected = IMAGES_HEADER_BYTES + (long) count * dim;
        if (count * dim > Integer.MAX_VALUE - 16) {
            throw new MemtileException(source, "header.count",
                    count + " images of " + rows + "x" + cols + " exceed the 2^31 pixel limit of one dataset");
        }
        checkLength(source, raw.length, expected, count + " images x " + rows + "x" + cols + " bytes");
        int n = (int) (count * dim);
        float[] features = new float[n];
        for (int i = 0; i < n; i++) features[i] = SCALE[raw[IMAGES_HEADER_BYTES + i] & 0xff];
        return new Images(source, count, rows, cols, features);
    }

    /** Parses an uncompressed IDX label file (magic 0x00000801); labels must lie in [0, classes). */
    public static Labels parseLabels(String source, byte[] raw, int classes) {
        // magic first: a short file of the other kind should be reported as swapped, not as truncated
        if (raw.length >= 4) checkMagic(source, readInt(raw, 0), LABELS_MAGIC, "label");
        if (raw.length < LABELS_HEADER_BYTES) {
            throw new MemtileException(source, "header",
                    "file is " + raw.length + " bytes, shorter than the 8-byte IDX label header (truncated?)");
        }
        int count = readInt(raw, 4);
        if (count < 0) throw new MemtileException(source, "header.count", "negative label count " + count);
        checkLength(source, raw.length, LABELS_HEADER_BYTES + (long) count, count + " labels x 1 byte");
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int v = raw[LABELS_HEADER_BYTES + i] & 0xff;
            if (v >= classes) {
                throw new MemtileException(source, "data[" + i + "]",
                        "label " + v + " is outside [0, " + classes + ")");
            }
            labels[i] = v;
        }
        return new Labels(source, labels);
    }

    /**
     * Reads an image/label file pair into a {@link Dataset}. Either file may be plain or gzip.
     *
     * @param name    dataset name recorded in artifacts, e.g. {@code mnist/train}
     * @param classes number of classes; labels outside [0, classes) are rejected
     */
    public static Dataset load(String name, Path images, Path labels, int classes) {
        return assemble(name, images.toString(), readRaw(images), labels.toString(), readRaw(labels), classes);
    }

    /** As {@link #load(String, Path, Path, int)} for already-decoded IDX bytes. */
    public static Dataset assemble(String name, String imagesSource, byte[] imagesRaw,
                                   String labelsSource, byte[] labelsRaw, int classes) {
        Images img = parseImages(imagesSource, imagesRaw);
        Labels lab = parseLabels(labelsSource, labelsRaw, classes);
        if (img.count() != lab.count()) {
            throw new MemtileException(labelsSource, "header.count",
                    lab.count() + " labels, but " + imagesSource + " holds " + img.count()
                            + " images; the files do not belong together");
        }
        return new Dataset(name, img.features(), lab.labels(), img.dim(), classes, sha256(imagesRaw, labelsRaw));
    }

    /** Hex SHA-256 over the concatenation of the given byte arrays. */
    public static String sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) md.update(p);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory on every JVM", e);
        }
    }

    private static void checkMagic(String source, int magic, int want, String kind) {
        if (magic == want) return;
        String hint;
        if (magic == IMAGES_MAGIC) hint = " (that is an IDX image file; images and labels swapped?)";
        else if (magic == LABELS_MAGIC) hint = " (that is an IDX label file; images and labels swapped?)";
        else if ((magic >>> 16) == 0x1f8b) hint = " (gzip data that did not decode)";
        else hint = " (not an IDX file, or not unsigned-byte IDX)";
        throw new MemtileException(source, "header.magic",
                String.format("magic 0x%08x, expected 0x%08x for an IDX %s file%s", magic, want, kind, hint));
    }

    private static void checkLength(String source, long actual, long expected, String what) {
        if (actual < expected) {
            throw new MemtileException(source, "data", "file is truncated: " + actual + " bytes, expected "
                    + expected + " (header + " + what + "); fetch it again");
        }
        if (actual > expected) {
            throw new MemtileException(source, "data", "file is oversized: " + actual + " bytes, expected "
                    + expected + " (header + " + what + "); header count does not match the data");
        }
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
