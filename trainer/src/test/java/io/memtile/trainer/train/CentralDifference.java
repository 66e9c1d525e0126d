package io.memtile.trainer.train;

import java.util.function.ToDoubleFunction;

/** The central difference of an objective in one weight, shared by the gradient checks of the loss terms. */
public final class CentralDifference {
    private CentralDifference() {}

    /** (f(w + h e) - f(w - h e)) / 2h for the weight w[l][j][i], which is restored afterwards. */
    public static double at(ToDoubleFunction<double[][][]> f, double[][][] w, int l, int j, int i, double h) {
        double w0 = w[l][j][i];
        w[l][j][i] = w0 + h;
        double lp = f.applyAsDouble(w);
        w[l][j][i] = w0 - h;
        double lm = f.applyAsDouble(w);
        w[l][j][i] = w0;
        return (lp - lm) / (2 * h);
    }
}
