package io.memtile.datasets.idx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Encodes IDX files (the inverse of {@link IdxReader}); used to build the embedded subsets and by
 * tests that need real files. Features in [0, 1] are mapped back with round(v * 255), which is
 * exact for values that came from {@link IdxReader} (b / 255f).
 */
public final class IdxWriter {
    private IdxWriter() {}

    /** IDX image bytes (magic 0x00000803) for {@code count} images of rows x cols unsigned bytes. */
    public static byte[] images(int count, int rows, int cols, byte[] pixels) {
        if (pixels.length != count * rows * cols) {
            throw new IllegalArgumentException(pixels.length + " pixels, expected " + count + "x" + rows + "x" + cols);
        }
        byte[] out = new byte[IdxReader.IMAGES_HEADER_BYTES + pixels.length];
        putInt(out, 0, IdxReader.IMAGES_MAGIC);
        putInt(out, 4, count);
        putInt(out, 8, rows);
        putInt(out, 12, cols);
        System.arraycopy(pixels, 0, out, IdxReader.IMAGES_HEADER_BYTES, pixels.length);
        return out;
    }

    /** IDX label bytes (magic 0x00000801); each label must fit an unsigned byte. */
    public static byte[] labels(int[] labels) {
        byte[] out = new byte[IdxReader.LABELS_HEADER_BYTES + labels.length];
        putInt(out, 0, IdxReader.LABELS_MAGIC);
        putInt(out, 4, labels.length);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) throw new IllegalArgumentException("label " + labels[i] + " at " + i);
            out[IdxReader.LABELS_HEADER_BYTES + i] = (byte) labels[i];
        }
        return out;
    }

    /** Features in [0, 1] back to unsigned bytes. */
    public static byte[] toBytes(float[] features, int from, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            float v = features[from + i];
            b[i] = (byte) Math.max(0, Math.min(255, Math.round(v * 255f)));
        }
        return b;
    }

    /** Gzip with a fixed (zero) header timestamp, so regenerated files are byte-identical. */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(bos, 1 << 16)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // java.util.zip writes MTIME = 0 and OS = 0 already (header bytes 4..9), so output is stable.
        return bos.toByteArray();
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
