package io.memtile.trainer.eval;

import io.memtile.core.plot.Plots;
import io.memtile.trainer.engine.Bptt;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.model.ModelArtifact;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of one sample: every layer's spike raster (per SpikeCriterion) and the output membrane voltages. */
public final class EvalPlots {
    private EvalPlots() {}

    /** Writes raster + membrane plot for one input to {@code file}; returns the predicted class. */
    public static int sample(ModelArtifact m, double[] input, int label, Path file) {
        Network net = Network.of(m);
        Bptt ws = new Bptt(net);
        ws.forward(input, -1, m.weights());
        int pred = ws.predict();
        int steps = net.steps;
        double ms = net.config.dt() * 1e3;
        XYChart chart = new XYChartBuilder().width(1100).height(420 + 160 * net.depth)
                .title(String.format(java.util.Locale.ROOT, "sample (label %d, predicted %d): spike raster (V_m > %.1f mV) and output membrane",
                        label, pred, net.spike.thresholdVolts() * 1e3))
                .xAxisTitle("time (ms)").yAxisTitle("raster: layer/neuron index   |   top: output V_m (mV) + offset").build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setMarkerSize(2);
        io.memtile.core.plot.TimeAxis.apply(chart, steps * ms);
        // raster: layer l occupies y in [offset, offset + width); the output membrane is drawn above
        double offset = 0;
        for (int l = 0; l < net.depth; l++) {
            int width = net.layers[l + 1];
            double[][] v = ws.voltages(l);
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < width; j++) {
                    if (net.spike.spiking(v[t + 1][j])) {
                        xs.add((t + 1) * ms);
                        ys.add(offset + j);
                    }
                }
            }
            boolean none = xs.isEmpty();
            if (none) { // XChart needs a point: put it left of the clipped x range so no spike is drawn
                xs.add(-1.0);
                ys.add(offset);
            }
            XYSeries s = chart.addSeries("layer " + (l + 1) + (none ? " spiking (none)" : " spiking"), xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.SQUARE);
            offset += width + 5;
        }
        offset = 50 * Math.ceil(offset / 50); // round offset so output millivolts read off the axis easily
        double[][] vo = ws.voltages(net.depth - 1);
        double[] x = new double[steps];
        for (int t = 0; t < steps; t++) x[t] = (t + 1) * ms;
        for (int k = 0; k < net.classes(); k++) {
            double[] y = new double[steps];
            for (int t = 0; t < steps; t++) y[t] = offset + vo[t + 1][k] * 1e3;
            XYSeries s = chart.addSeries("out " + k + (k == label ? " (label)" : "") + (k == 0 ? String.format(java.util.Locale.ROOT, " [V_m + %.0f mV]", offset) : ""), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(k == label ? 2.5f : 1f));
            if (k == label) s.setLineColor(Color.BLACK);
        }
        Plots.savePng(chart, file);
        return pred;
    }
}
