package io.memtile.sim.engine;

import java.util.ArrayList;
import java.util.List;

/** Records one sample's spike raster, a few membrane traces and per-tile power for plots. */
public final class Trace {
    private final int[][] watch;
    public final double[][] membrane;
    public final double[][] tilePower;
    public final List<List<List<Integer>>> raster = new ArrayList<>();

    /**
     * @param watch   {layer index (weight layer l = neuron layer l+1), neuron} pairs to record
     * @param widths  neuron-layer widths (index 1..)
     */
    public Trace(int[][] watch, int[] widths, int steps, int tiles) {
        this.watch = watch;
        this.membrane = new double[watch.length][steps];
        this.tilePower = new double[tiles][steps];
        for (int l = 1; l < widths.length; l++) {
            List<List<Integer>> layer = new ArrayList<>();
            for (int j = 0; j < widths[l]; j++) layer.add(new ArrayList<>());
            raster.add(layer);
        }
    }

    public int[][] watch() { return watch; }

    void spikes(int l, int t, double[] v, double thr) {
        List<List<Integer>> layer = raster.get(l);
        for (int j = 0; j < v.length; j++) if (v[j] > thr) layer.get(j).add(t);
    }

    void step(int t, double[][] v, double[] tileEnergy, double dt) {
        for (int k = 0; k < watch.length; k++) membrane[k][t] = v[watch[k][0]][watch[k][1]];
        for (int k = 0; k < tileEnergy.length; k++) tilePower[k][t] = tileEnergy[k] / dt;
    }
}
