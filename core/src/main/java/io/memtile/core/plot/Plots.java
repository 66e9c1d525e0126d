package io.memtile.core.plot;

import io.memtile.core.MemtileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Saves XChart charts as PNG atomically (render to a temp file, then rename). */
public final class Plots {
    private Plots() {}

    public static void savePng(Chart<?, ?> chart, Path file) {
        System.setProperty("java.awt.headless", "true");
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), ".plot", ".png");
            try {
                BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
                byte[] bytes = Files.readAllBytes(tmp);
                io.memtile.core.json.AtomicFiles.writeBytes(abs, bytes);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new MemtileException(file.toString(), null, "cannot write plot: " + e.getMessage());
        }
    }
}
