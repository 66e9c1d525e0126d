package io.memtile.compiler.program;

import io.memtile.compiler.quant.QuantizedNetwork;
import io.memtile.physics.mss.StochasticMss;
import java.util.List;

/**
 * What the stuck cells still cost after fault-aware mapping (compensation by the partner device, column
 * remapping, repair tiles): every placed weight whose programmed pair difference, read back, differs from
 * the level difference it should carry, in trained-weight units (levels / (N s_o)).
 *
 * @param weights       placed weights
 * @param weightsInError weights whose pair reads back another difference (unrepaired stuck cells, misses)
 * @param rmsWeightError RMS of the error over all placed weights
 * @param maxWeightError largest error
 * @param sumAbsWeightError sum of |error| over all weights
 */
public record FaultReport(long weights, long weightsInError, double rmsWeightError, double maxWeightError, double sumAbsWeightError) {
    public static FaultReport of(List<TileImage> tiles, QuantizedNetwork q, io.memtile.core.target.MssParams dev) {
        int n = q.switches();
        long w = 0, bad = 0;
        double sq = 0, mx = 0, sum = 0;
        for (TileImage t : tiles) {
            int cols = t.cols();
            for (Block b : t.blocks()) {
                var ql = q.layers().get(b.layer());
                int in = ql.map().inputs();
                for (int k = 0; k < b.outCount(); k++) {
                    int o = b.outStart() + k;
                    double unit = 1.0 / (n * ql.map().scale(o));
                    for (int i = 0; i < b.inCount(); i++) {
                        int idx = o * in + b.inStart() + i;
                        int want = ql.plus()[idx] - ql.minus()[idx];
                        int r = b.rows()[i];
                        int got = StochasticMss.nearestLevel(dev, t.conductance()[r * cols + b.plusCols()[k]])
                                - StochasticMss.nearestLevel(dev, t.conductance()[r * cols + b.minusCols()[k]]);
                        w++;
                        if (got == want) continue;
                        double e = Math.abs(got - want) * unit;
                        bad++;
                        sq += e * e;
                        sum += e;
                        mx = Math.max(mx, e);
                    }
                }
            }
        }
        return new FaultReport(w, bad, w == 0 ? 0 : Math.sqrt(sq / w), mx, sum);
    }
}
