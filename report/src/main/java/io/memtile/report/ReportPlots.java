package io.memtile.report;

import io.memtile.sim.result.SimResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's figures (XChart, embedded in the HTML page as base64 PNG so the page is one
 * self-contained file). Paper mode: power/area/latency bars; measured mode additionally the spike
 * raster, membrane traces and per-tile power.
 */
public final class ReportPlots {
    /** One embedded figure. */
    public record Plot(String id, String title, String caption, String dataUri) {}

    private static final Color MEMPROP = new Color(0x1b, 0x9e, 0x77);
    private static final Color MIXED = new Color(0xd9, 0x5f, 0x02);

    private ReportPlots() {}

    public static List<Plot> build(PpaTable t) {
        System.setProperty("java.awt.headless", "true");
        List<Plot> plots = new ArrayList<>();
        plots.add(new Plot("comparison", "MEMprop vs mixed-signal", "Each aspect is normalised to MEMprop (= 1, green); the orange bar is how many "
                + "times more the mixed-signal design needs, and the label gives that improvement factor. Look for bars below 1: there MEMprop "
                + "is the worse design.", png(comparison(t), 900, 320)));
        if (!t.tiles().isEmpty()) plots.add(new Plot("tile-power", "Per-tile power", "MEMprop array power (plus neurons, in measured mode) "
                + "against the ADC/DAC power the same tile needs in the mixed-signal design. Look for tiles whose green bar stands above "
                + "the orange one: there the analog array costs more than the converters it replaces. Tile numbers are those of "
                + "prog/chip-overview.png, which shows the layer each tile holds.", png(tilePower(t), 900, 320)));
        if (t.pareto() != null) plots.add(pareto(t.pareto()));
        SimResult.Traces tr = t.traces();
        if (tr != null) {
            long spikes = spikeCount(tr);
            boolean hasMembranes = tr.membranes() != null && !tr.membranes().isEmpty();
            if (spikes > 0) {
                plots.add(new Plot("raster", "Spike raster", "Sample " + tr.sample() + " (label " + tr.label() + ", predicted " + tr.predicted()
                        + "): one dot per spiking (neuron, step), neuron layers stacked; " + spikes + " spikes. Look for the output neuron of the "
                        + "label spiking most, and for spikes bunched after each alpha injection.", png(raster(tr), 900, 380)));
            }
            if (hasMembranes) {
                String cap = "Membrane voltage of the traced neurons (L1 = hidden, L2 = output), sample " + tr.sample() + " (label " + tr.label()
                        + ", predicted " + tr.predicted() + "). Look at the L2 (output) traces: the one that stays highest over "
                        + "the run (largest time-summed V_m) is the predicted class; the saw-tooth follows the alpha injections (every "
                        + "injection period), and a neuron counts as spiking only while V_m is above the spike criterion." + (spikes == 0 && tr.rasters() != null ? " No neuron spiked in this sample under the spike criterion, so the raster is omitted." : "");
                plots.add(new Plot("membrane", "Membrane traces", cap, png(membranes(tr), 900, 340)));
            }
        }
        return plots;
    }

    /** Accuracy against energy per inference of every run, the front drawn as a line. */
    public static Plot pareto(io.memtile.report.pareto.ParetoFront f) {
        System.setProperty("java.awt.headless", "true");
        XYChart c = new XYChartBuilder().width(900).height(360).xAxisTitle("energy per inference (µJ, log)").yAxisTitle("accuracy (%)").build();
        style(c);
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        double[] x = new double[f.points().size()], y = new double[x.length];
        for (int i = 0; i < x.length; i++) { x[i] = f.points().get(i).energyJ() * 1e6; y[i] = 100 * f.points().get(i).accuracy(); }
        XYSeries all = c.addSeries("runs", x, y);
        all.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        all.setMarkerColor(MIXED);
        double[] fx = new double[f.front().size()], fy = new double[fx.length];
        for (int i = 0; i < fx.length; i++) { fx[i] = f.front().get(i).energyJ() * 1e6; fy[i] = 100 * f.front().get(i).accuracy(); }
        XYSeries front = c.addSeries("Pareto front", fx, fy);
        front.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        front.setLineColor(MEMPROP);
        front.setMarkerColor(MEMPROP);
        return new Plot("pareto", "Accuracy against energy per inference", f.points().size() + " measured runs; the line joins the "
                + f.front().size() + " on the Pareto front.", png(c, 900, 360));
    }

    static CategoryChart comparison(PpaTable t) {
        CategoryChart c = new CategoryChartBuilder().width(900).height(320).title("").xAxisTitle("").yAxisTitle("relative to MEMprop (log)").build();
        style(c);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<String> x = new ArrayList<>();
        List<Double> mem = new ArrayList<>();
        List<Double> mix = new ArrayList<>();
        for (Comparison row : t.comparison()) {
            x.add(row.aspect() + " (" + Display.ratio(row.improvement()) + ")");
            mem.add(1.0);
            mix.add(row.improvement());
        }
        // XChart anchors bars at 0 unless told otherwise, which a log axis rejects.
        c.getStyler().setYAxisMin(0.5);
        c.getStyler().setYAxisMax(2 * mix.stream().mapToDouble(Double::doubleValue).max().orElse(1));
        c.addSeries("MEMprop", x, mem).setFillColor(MEMPROP);
        c.addSeries("mixed-signal", x, mix).setFillColor(MIXED);
        return c;
    }

    static CategoryChart tilePower(PpaTable t) {
        CategoryChart c = new CategoryChartBuilder().width(900).height(320).xAxisTitle("tile").yAxisTitle("power (µW)").build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<Integer> x = new ArrayList<>();
        List<Double> mem = new ArrayList<>();
        List<Double> conv = new ArrayList<>();
        for (TilePower p : t.tiles()) {
            x.add(p.tile());
            mem.add(Math.max(p.memtilePowerW() * 1e6, 1e-6));
            conv.add(Math.max((p.adcPowerW() + p.dacPowerW()) * 1e6, 1e-6));
        }
        double lo = Math.min(mem.stream().mapToDouble(Double::doubleValue).min().orElse(1), conv.stream().mapToDouble(Double::doubleValue).min().orElse(1));
        double hi = Math.max(mem.stream().mapToDouble(Double::doubleValue).max().orElse(1), conv.stream().mapToDouble(Double::doubleValue).max().orElse(1));
        // Log scale only when the bars span more than a decade and a half; otherwise a linear axis reads better.
        if (hi / lo > 30) {
            c.getStyler().setYAxisLogarithmic(true);
            c.setYAxisTitle("power (µW, log)");
            c.getStyler().setYAxisMin(lo / 2);
            c.getStyler().setYAxisMax(hi * 2);
        } else {
            c.getStyler().setYAxisMin(0.0);
        }
        c.addSeries("MEMprop", x, mem).setFillColor(MEMPROP);
        c.addSeries("ADC + DAC", x, conv).setFillColor(MIXED);
        return c;
    }

    static long spikeCount(SimResult.Traces tr) {
        long n = 0;
        if (tr.rasters() == null) return 0;
        for (SimResult.Raster r : tr.rasters()) for (int[] s : r.spikeSteps()) n += s.length;
        return n;
    }

    private static int steps(SimResult.Traces tr) {
        int steps = 1;
        if (tr.membranes() != null) for (SimResult.MembraneTrace m : tr.membranes()) steps = Math.max(steps, m.volts().length);
        if (tr.rasters() != null) for (SimResult.Raster r : tr.rasters()) for (int[] s : r.spikeSteps()) for (int x : s) steps = Math.max(steps, x + 1);
        return steps;
    }

    static XYChart raster(SimResult.Traces tr) {
        XYChart c = new XYChartBuilder().width(900).height(380).xAxisTitle("time (ms)").yAxisTitle("neuron (layers stacked)").build();
        style(c);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(3);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        int offset = 0;
        for (SimResult.Raster r : tr.rasters()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int n = 0; n < r.spikeSteps().length; n++) {
                for (int s : r.spikeSteps()[n]) {
                    xs.add(s * tr.dt() * 1e3);
                    ys.add((double) (offset + n));
                }
            }
            // XChart rejects empty series: a silent layer gets no series (its rows stay empty).
            if (!xs.isEmpty()) c.addSeries("layer " + r.layer() + " (" + xs.size() + ")", xs, ys).setMarker(SeriesMarkers.CIRCLE);
            offset += r.spikeSteps().length;
        }
        io.memtile.core.plot.TimeAxis.apply(c, steps(tr) * tr.dt() * 1e3);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax((double) Math.max(1, offset));
        c.getStyler().setYAxisDecimalPattern("0");
        return c;
    }

    static XYChart membranes(SimResult.Traces tr) {
        XYChart c = new XYChartBuilder().width(900).height(340).xAxisTitle("time (ms)").yAxisTitle("V_m (mV)").build();
        style(c);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setMarkerSize(0);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (SimResult.MembraneTrace m : tr.membranes()) {
            double[] x = new double[m.volts().length];
            double[] y = new double[m.volts().length];
            for (int i = 0; i < x.length; i++) { x[i] = (i + 1) * tr.dt() * 1e3; y[i] = m.volts()[i] * 1e3; }
            XYSeries s = c.addSeries("L" + m.layer() + " n" + m.neuron(), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(1.2f));
        }
        io.memtile.core.plot.TimeAxis.apply(c, steps(tr) * tr.dt() * 1e3);
        return c;
    }

    private static void style(Chart<?, ?> c) {
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleVisible(false);
        s.setAntiAlias(true);
        s.setBaseFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendBorderColor(Color.WHITE);
    }

    static String png(Chart<?, ?> chart, int w, int h) {
        try {
            byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
