package io.memtile.trainer.curves;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training-curve figure (XChart): three panels side by side, loss, train/test accuracy and
 * spiking activity per neuron layer, each against the epoch, under one title naming the model.
 */
public final class CurvesPlot {
    static final int PANEL_W = 470, PANEL_H = 400, TITLE_H = 44;

    private CurvesPlot() {}

    /** The points drawn, per series name (golden-tested; {@link #png} draws exactly these). */
    public record Series(String panel, String name, double[] x, double[] y) {}

    public static List<Series> series(TrainingCurves c) {
        List<Series> out = new ArrayList<>();
        List<EpochPoint> e = c.epochs();
        double[] x = e.stream().mapToDouble(EpochPoint::epoch).toArray();
        out.add(new Series("loss", "train loss", x, e.stream().mapToDouble(EpochPoint::trainLoss).toArray()));
        out.add(new Series("accuracy", "train", x, e.stream().mapToDouble(p -> 100 * p.trainAccuracy()).toArray()));
        List<EpochPoint> t = e.stream().filter(EpochPoint::hasTest).toList();
        double[] xt = t.stream().mapToDouble(EpochPoint::epoch).toArray();
        if (!t.isEmpty()) out.add(new Series("accuracy", "test (" + t.get(t.size() - 1).testSamples() + " samples)", xt,
                t.stream().mapToDouble(p -> 100 * p.testAccuracy()).toArray()));
        for (int l = 0; !t.isEmpty() && l < c.layers().length - 1; l++) {
            int layer = l;
            String kind = l == c.layers().length - 2 ? "output" : "hidden";
            out.add(new Series("activity", "layer " + (l + 1) + " (" + c.layers()[l + 1] + " " + kind + ")", xt,
                    t.stream().mapToDouble(p -> 100 * p.activity()[layer]).toArray()));
        }
        return out;
    }

    public static String title(TrainingCurves c) {
        return String.format(Locale.ROOT, "Training curves: %s  ·  %s on %s  ·  batch %d, lr %s, seed %d", c.model(),
                Arrays.stream(c.layers()).mapToObj(Integer::toString).collect(Collectors.joining("-")), c.dataset(), c.batch(),
                plain(c.lr()), c.seed());
    }

    public static byte[] png(TrainingCurves c) {
        System.setProperty("java.awt.headless", "true");
        List<Series> s = series(c);
        int n = c.epochs().isEmpty() ? 1 : c.epochs().get(c.epochs().size() - 1).epoch();
        CategoryChart loss = panel("Training loss (mean per sample)", "loss", n);
        CategoryChart acc = panel("Accuracy", "accuracy (%)", n);
        CategoryChart act = panel("Spiking activity on the test set", "neurons spiking per step (%)", n);
        double lo = Double.POSITIVE_INFINITY, hi = 0, accLo = 100;
        for (Series q : s) {
            CategoryChart target = q.panel().equals("loss") ? loss : q.panel().equals("accuracy") ? acc : act;
            List<Integer> xs = Arrays.stream(q.x()).mapToObj(v -> (int) v).toList();
            List<Double> ys = Arrays.stream(q.y()).boxed().toList();
            CategorySeries cs = target.addSeries(q.name(), xs, ys);
            cs.setMarker(SeriesMarkers.CIRCLE);
            if (q.panel().equals("loss")) for (double v : q.y()) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
            if (q.panel().equals("accuracy")) for (double v : q.y()) accLo = Math.min(accLo, v);
        }
        // a loss that falls by more than a decade reads better on a log axis
        if (lo > 0 && hi / lo > 10) {
            loss.getStyler().setYAxisLogarithmic(true);
            loss.setYAxisTitle("loss (log scale)");
        }
        acc.getStyler().setYAxisMin(Math.max(0, 10 * Math.floor(accLo / 10) - 10)).setYAxisMax(100.0);
        if (s.stream().noneMatch(q -> q.panel().equals("activity"))) {
            act.addSeries("no test set: not measured", List.of(1), List.of(0.0)).setMarker(SeriesMarkers.NONE);
        }
        act.getStyler().setYAxisMin(0.0);
        BufferedImage[] panels = {BitmapEncoder.getBufferedImage(loss), BitmapEncoder.getBufferedImage(acc), BitmapEncoder.getBufferedImage(act)};
        BufferedImage out = new BufferedImage(3 * PANEL_W, TITLE_H + PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title(c), 14, 28);
        for (int i = 0; i < 3; i++) g.drawImage(panels[i], i * PANEL_W, TITLE_H, null);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A line chart over epoch categories: the epoch axis then carries exactly the whole epochs. */
    private static CategoryChart panel(String title, String yTitle, int epochs) {
        CategoryChart ch = new CategoryChartBuilder().width(PANEL_W).height(PANEL_H).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        Styler st = ch.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        ch.getStyler().setOverlapped(true); // series share the epoch positions (not side by side like grouped bars)
        ch.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        ch.getStyler().setXAxisMaxLabelCount(Math.max(2, Math.min(epochs, 12))); // XChart rejects 1
        ch.getStyler().setYAxisDecimalPattern(title.startsWith("Spiking") ? "0.####" : "#,##0.#");
        st.setLegendBorderColor(Color.LIGHT_GRAY);
        st.setMarkerSize(7);
        st.setAntiAlias(true);
        return ch;
    }

    /** Learning rates print as 0.001 or 1E-5, never 0.0010000. */
    static String plain(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
