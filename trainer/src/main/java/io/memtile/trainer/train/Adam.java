package io.memtile.trainer.train;

/**
 * Adam on the normalised weights, followed by projection onto [-1, 1]: every weight stays a
 * realisable differential pair (G+ - G- within one device's conductance range), so the trained
 * model needs no clipping at compile time. Moments are part of the checkpoint for bit-identical resume.
 */
public final class Adam {
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double[][][] m;
    private final double[][][] v;
    private long step;

    public Adam(double lr, double beta1, double beta2, double eps, double[][][] shape) {
        this(lr, beta1, beta2, eps, zerosLike(shape), zerosLike(shape), 0);
    }

    public Adam(double lr, double beta1, double beta2, double eps, double[][][] m, double[][][] v, long step) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = m;
        this.v = v;
        this.step = step;
    }

    public static double[][][] zerosLike(double[][][] w) {
        double[][][] z = new double[w.length][][];
        for (int l = 0; l < w.length; l++) {
            z[l] = new double[w[l].length][];
            for (int j = 0; j < w[l].length; j++) z[l][j] = new double[w[l][j].length];
        }
        return z;
    }

    /** One update of w in place with gradient g. */
    public void update(double[][][] w, double[][][] g) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        double a = lr / bc1;
        for (int l = 0; l < w.length; l++) {
            for (int j = 0; j < w[l].length; j++) {
                double[] wr = w[l][j], gr = g[l][j], mr = m[l][j], vr = v[l][j];
                for (int i = 0; i < wr.length; i++) {
                    double gi = gr[i];
                    mr[i] = beta1 * mr[i] + (1 - beta1) * gi;
                    vr[i] = beta2 * vr[i] + (1 - beta2) * gi * gi;
                    double x = wr[i] - a * mr[i] / (Math.sqrt(vr[i] / bc2) + eps);
                    wr[i] = x > 1 ? 1 : (x < -1 ? -1 : x);
                }
            }
        }
    }

    public double[][][] firstMoment() { return m; }

    public double[][][] secondMoment() { return v; }

    public long step() { return step; }
}
