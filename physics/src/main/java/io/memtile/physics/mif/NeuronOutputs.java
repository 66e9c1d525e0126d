package io.memtile.physics.mif;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Files of a {@code memtile neuron} run: {@code trace.csv} (one row per step boundary) and
 * {@code neuron.png} (membrane voltage and input current over the M1/M2 states, vs time in ms).
 */
public final class NeuronOutputs {
    private NeuronOutputs() {}

    /** CSV of the trace in SI units; plain writer because a 1,000-row numeric table needs no template. */
    public static String csv(NeuronTrace tr) {
        StringBuilder sb = new StringBuilder(96 * (tr.v().length + 1));
        sb.append("step,t_s,v_V,x1,x2,g1_S,g2_S,i_A\n");
        for (int k = 0; k < tr.v().length; k++) {
            sb.append(k).append(',').append(tr.time(k)).append(',').append(tr.v()[k]).append(',')
                    .append(tr.x1()[k]).append(',').append(tr.x2()[k]).append(',').append(tr.g1()[k]).append(',')
                    .append(tr.g2()[k]).append(',').append(tr.current()[k]).append('\n');
        }
        return sb.toString();
    }

    /** Two stacked panels as one PNG. */
    public static byte[] png(NeuronTrace tr, String title) {
        System.setProperty("java.awt.headless", "true");
        int n = tr.v().length;
        double[] tMs = new double[n], vMv = new double[n], iUa = new double[n], x1 = new double[n], x2 = new double[n];
        for (int k = 0; k < n; k++) {
            tMs[k] = tr.time(k) * 1e3;
            vMv[k] = finiteOr(tr.v()[k] * 1e3, 0);
            iUa[k] = tr.current()[k] * 1e6;
            // log axis: clamp to a floor so a state that relaxed to ~0 still plots
            x1[k] = Math.max(1e-7, finiteOr(tr.x1()[k], 1e-7));
            x2[k] = Math.max(1e-7, finiteOr(tr.x2()[k], 1e-7));
        }
        XYChart top = new XYChartBuilder().width(900).height(380).title(title).xAxisTitle("t (ms)").yAxisTitle("V_m (mV)").build();
        XYSeries sv = top.addSeries("V_m (mV)", tMs, vMv);
        sv.setMarker(SeriesMarkers.NONE);
        XYSeries si = top.addSeries("I_in (uA)", tMs, iUa);
        si.setMarker(SeriesMarkers.NONE);
        si.setYAxisGroup(1);
        top.setYAxisGroupTitle(1, "I_in (uA)");
        top.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        double tEnd = tMs[n - 1];
        top.getStyler().setXAxisMin(0.0).setXAxisMax(tEnd).setXAxisDecimalPattern("#0.##").setXAxisTickMarkSpacingHint(100);
        XYChart bottom = new XYChartBuilder().width(900).height(300).xAxisTitle("t (ms)").yAxisTitle("state x (log)").build();
        bottom.addSeries("x1 (M1 to E1)", tMs, x1).setMarker(SeriesMarkers.NONE);
        bottom.addSeries("x2 (M2 to E2)", tMs, x2).setMarker(SeriesMarkers.NONE);
        bottom.getStyler().setYAxisLogarithmic(true);
        bottom.getStyler().setXAxisMin(0.0).setXAxisMax(tEnd).setXAxisDecimalPattern("#0.##").setXAxisTickMarkSpacingHint(100);
        bottom.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        BufferedImage a = BitmapEncoder.getBufferedImage(top);
        BufferedImage b = BitmapEncoder.getBufferedImage(bottom);
        BufferedImage out = new BufferedImage(Math.max(a.getWidth(), b.getWidth()), a.getHeight() + b.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, 0, a.getHeight(), null);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static double finiteOr(double v, double dflt) { return Double.isFinite(v) ? v : dflt; }

    /**
     * Writes trace.csv, neuron.png and any extra text files into {@code dir} atomically: the
     * directory appears complete or not at all.
     */
    /** Output kind of a neuron directory (its .memtile-output marker). */
    public static final String KIND = "neuron";

    public static void write(Path dir, NeuronTrace tr, String title, Map<String, String> extraFiles) {
        String csv = csv(tr);
        byte[] png = png(tr, title);
        io.memtile.core.json.AtomicFiles.writeDirectory(dir, KIND, d -> {
            Files.writeString(d.resolve("trace.csv"), csv, StandardCharsets.UTF_8);
            Files.write(d.resolve("neuron.png"), png);
            for (Map.Entry<String, String> e : extraFiles.entrySet()) {
                Path f = d.resolve(e.getKey());
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
            }
        });
    }

    /** Locale-independent one-line formatting helper for summaries. */
    static String f(String pattern, Object... args) { return String.format(Locale.ROOT, pattern, args); }
}
