package io.memtile.trainer.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes real NPY v1.0 / NPZ files byte for byte as NumPy does, independent of ND4J. */
final class NpyFiles {
    private NpyFiles() {}

    /** .npy bytes of a matrix; {@code descr} is {@code <f4}, {@code <f8} or {@code >f8}; fortran = column-major data. */
    static byte[] npy(double[][] m, String descr, boolean fortran) {
        int rows = m.length;
        int cols = m[0].length;
        return npyRaw(descr, fortran, "(" + rows + ", " + cols + ")", data(m, descr, fortran));
    }

    static byte[] npyVector(double[] v) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) bb.putFloat((float) x);
        return npyRaw("<f4", false, "(" + v.length + ",)", bb.array());
    }

    static byte[] npyRaw(String descr, boolean fortran, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >>> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static byte[] data(double[][] m, String descr, boolean fortran) {
        int rows = m.length;
        int cols = m[0].length;
        boolean f4 = descr.endsWith("f4");
        ByteBuffer bb = ByteBuffer.allocate(rows * cols * (f4 ? 4 : 8))
                .order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < rows * cols; k++) {
            int r = fortran ? k % rows : k / cols;
            int c = fortran ? k / rows : k % cols;
            if (f4) bb.putFloat((float) m[r][c]);
            else bb.putDouble(m[r][c]);
        }
        return bb.array();
    }

    /** An .npz: entries in map iteration order (use a LinkedHashMap), stored or deflated like savez_compressed. */
    static void npz(Path file, Map<String, byte[]> entries, boolean compressed) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry z = new ZipEntry(e.getKey() + ".npy");
                if (!compressed) {
                    z.setMethod(ZipEntry.STORED);
                    z.setSize(e.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    z.setCrc(crc.getValue());
                }
                zip.putNextEntry(z);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    /** Deterministic weights in (-bound, bound). */
    static double[][] matrix(int rows, int cols, double bound, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int i = 0; i < cols; i++) row[i] = (r.nextDouble() * 2 - 1) * bound;
        return m;
    }

    static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int r = 0; r < m.length; r++) for (int c = 0; c < m[0].length; c++) t[c][r] = m[r][c];
        return t;
    }
}
