package io.memtile.trainer.importer;

import io.memtile.core.MemtileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads named arrays from {@code .npy} files and {@code .npz} archives. Array data are decoded in Java
 * after a strict header check (ND4J's native .npy parser aborts the JVM on some malformed headers).
 * For {@code .npz} we walk the zip ourselves instead of calling
 * {@code Nd4j.createFromNpzFile}, because that returns a HashMap (the layer order of {@code np.savez} is
 * lost) and fails on {@code np.savez_compressed} archives with "Unsupported data type"; the zip entry
 * order is the order the arrays were passed to {@code np.savez}, which is the layer order.
 */
public final class NpyArrays {
    private NpyArrays() {}

    /**
     * One array as a dense row-major double matrix (rank-1 arrays have one row and are flagged).
     *
     * @param name   npz key (without .npy) or file name
     * @param source file (and npz entry) for error messages
     * @param shape  shape as stored
     * @param values values[r][c] in C (row-major) order of the stored shape
     */
    public record Named(String name, String source, long[] shape, double[][] values) {
        public int rank() { return shape.length; }
    }

    /** Reads one {@code .npy} file. */
    public static Named readNpy(Path file) {
        String base = file.getFileName().toString();
        String name = base.endsWith(".npy") ? base.substring(0, base.length() - 4) : base;
        return decode(name, file.toString(), readAll(file));
    }

    /** Reads every array of an {@code .npz} archive, in archive order. */
    public static List<Named> readNpz(Path file) {
        if (!Files.isRegularFile(file)) throw MemtileException.of(file, null, "file not found");
        List<Named> out = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory()) continue;
                String entry = e.getName();
                String name = entry.endsWith(".npy") ? entry.substring(0, entry.length() - 4) : entry;
                byte[] bytes = zip.getInputStream(e).readAllBytes();
                out.add(decode(name, file + "[" + entry + "]", bytes));
            }
        } catch (ZipException e) {
            throw MemtileException.of(file, null, "not a valid .npz (zip) archive: " + e.getMessage());
        } catch (IOException e) {
            throw MemtileException.of(file, null, "cannot read: " + e.getMessage());
        }
        if (out.isEmpty()) throw MemtileException.of(file, null, ".npz archive holds no arrays");
        return out;
    }

    static Named decode(String name, String source, byte[] bytes) {
        NpyHeader h = NpyHeader.parse(source, bytes);
        if (h.elementBytes() < 0) {
            throw new MemtileException(source, "header.descr", "dtype '" + h.descr() + "' is not supported; save weights as "
                    + "little-endian float32 or float64, e.g. np.save(f, w.astype('<f4'))");
        }
        if (h.shape().length < 1 || h.shape().length > 2) {
            throw new MemtileException(source, "header.shape", "array '" + name + "' has shape " + h.shapeString()
                    + "; weight matrices must be 2-D (rank-1 arrays are biases)");
        }
        for (long dim : h.shape()) {
            if (dim < 0 || dim > Integer.MAX_VALUE - 8) throw new MemtileException(source, "header.shape", "dimension " + dim + " is out of range");
        }
        if (h.elements() > Integer.MAX_VALUE - 8) throw new MemtileException(source, "header.shape", h.shapeString() + " has too many elements");
        long need = h.dataOffset() + h.elements() * h.elementBytes();
        if (bytes.length != need) {
            throw new MemtileException(source, "data", "array '" + name + "' " + h.shapeString() + " " + h.descr() + " needs "
                    + need + " bytes, file has " + bytes.length + (bytes.length < need ? " (truncated)" : " (trailing data)"));
        }
        int rows = h.shape().length == 2 ? (int) h.shape()[0] : 1;
        int cols = (int) h.shape()[h.shape().length - 1];
        // Decoded here rather than by Nd4j.createNpyFromByteArray: ND4J re-parses the header in native
        // code and a malformed header that our strict parser lets through (fuzzing found one) aborts the
        // JVM. The data is validated above (dtype, rank, exact byte count), so this read cannot fail.
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(bytes, h.dataOffset(), bytes.length - h.dataOffset())
                .slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        boolean f4 = h.elementBytes() == 4;
        double[][] v = new double[rows][cols];
        for (int k = 0; k < rows * cols; k++) {
            double x = f4 ? bb.getFloat(k * 4) : bb.getDouble(k * 8);
            // column-major (Fortran) files are re-indexed to [row][col]
            if (h.fortranOrder()) v[k % rows][k / rows] = x;
            else v[k / cols][k % cols] = x;
        }
        return new Named(name, source, h.shape(), v);
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw MemtileException.of(file, null, "file not found");
        } catch (IOException e) {
            throw MemtileException.of(file, null, "cannot read: " + e.getMessage());
        }
    }
}
