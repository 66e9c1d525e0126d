package io.memtile.physics.spice;

import io.memtile.core.MemtileException;
import io.memtile.core.json.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Runs {@code ngspice -b} on a netlist in a scratch directory and reads back its wrdata table. */
public final class Ngspice {
    /** Executable name or path; override with the MEMTILE_NGSPICE environment variable. */
    public static String executable() {
        String e = System.getenv("MEMTILE_NGSPICE");
        return e == null || e.isBlank() ? "ngspice" : e;
    }

    private Ngspice() {}

    /** Whether an ngspice binary answers on this machine. */
    public static boolean available() {
        try {
            Process pr = new ProcessBuilder(executable(), "--version").redirectErrorStream(true).start();
            pr.getInputStream().readAllBytes();
            return pr.waitFor(20, TimeUnit.SECONDS) && pr.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Simulates {@code netlist}, which must write its results with {@code wrdata <outFile> ...}
     * (single scale, vector names on the first line). Returns the columns: [0] = time, then one per
     * vector.
     */
    public static double[][] run(String netlist, String outFile) {
        Path dir;
        try {
            dir = Files.createTempDirectory("memtile-ngspice-");
        } catch (IOException e) {
            throw new MemtileException("ngspice", null, "cannot create a scratch directory: " + e.getMessage());
        }
        try {
            Path cir = dir.resolve("neuron.cir");
            Files.writeString(cir, netlist, StandardCharsets.UTF_8);
            Process pr;
            try {
                pr = new ProcessBuilder(executable(), "-b", cir.getFileName().toString())
                        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("ngspice.log").toFile()).start();
            } catch (IOException e) {
                throw new MemtileException("ngspice", null, "cannot run '" + executable()
                        + "' (install the ngspice package or set MEMTILE_NGSPICE): " + e.getMessage());
            }
            if (!pr.waitFor(300, TimeUnit.SECONDS)) {
                pr.destroyForcibly();
                throw new MemtileException("ngspice", null, "timed out after 300 s");
            }
            Path data = dir.resolve(outFile);
            if (pr.exitValue() != 0 || !Files.exists(data)) {
                String log = Files.readString(dir.resolve("ngspice.log"), StandardCharsets.UTF_8);
                String tail = log.length() > 2000 ? log.substring(log.length() - 2000) : log;
                throw new MemtileException("ngspice", null, "failed (exit " + pr.exitValue() + "), log tail:\n" + tail);
            }
            return parse(Files.readAllLines(data, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MemtileException("ngspice", null, "I/O error: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemtileException("ngspice", null, "interrupted");
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    /** Parses a wrdata table: an optional header line of names, then whitespace-separated numbers. */
    static double[][] parse(List<String> lines) {
        List<double[]> rows = new ArrayList<>();
        int cols = -1;
        for (String line : lines) {
            String s = line.trim();
            if (s.isEmpty()) continue;
            String[] f = s.split("\\s+");
            if (!isNumber(f[0])) continue; // header
            if (cols < 0) cols = f.length;
            if (f.length != cols) throw new MemtileException("ngspice", null, "ragged wrdata row: " + s);
            double[] r = new double[cols];
            for (int i = 0; i < cols; i++) r[i] = Double.parseDouble(f[i]);
            rows.add(r);
        }
        if (rows.isEmpty()) throw new MemtileException("ngspice", null, "wrdata output has no rows");
        double[][] out = new double[cols][rows.size()];
        for (int k = 0; k < rows.size(); k++) for (int i = 0; i < cols; i++) out[i][k] = rows.get(k)[i];
        return out;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.toLowerCase(Locale.ROOT));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
