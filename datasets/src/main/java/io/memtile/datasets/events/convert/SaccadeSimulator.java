package io.memtile.datasets.events.convert;

import io.memtile.core.rng.Seeds;
import io.memtile.datasets.events.EventStream;
import io.memtile.datasets.events.nmnist.NmnistFile;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns a static 28x28 image into an N-MNIST-style event stream by simulating how the N-MNIST data
 * were recorded (Orchard et al. 2015): an ATIS sensor makes three saccades over the image, and every
 * pixel reports log-intensity changes.
 *
 * <ul>
 *   <li><b>Motion.</b> The image sits in the 34x34 field at offset (3, 3) and is moved along a triangle
 *       (vertices (-A, A), (0, -A), (A, A) around it, A = {@code amplitudePx}) in three saccades, linearly, each taking
 *       {@code saccadeUs}; sub-pixel positions are bilinear, so edges sweep smoothly across pixels.</li>
 *   <li><b>Pixel.</b> Each pixel holds a reference log intensity; whenever log(I + eps) departs from it
 *       by the pixel's threshold C_p (C with seeded fixed-pattern mismatch), it emits ON/OFF events, one
 *       per threshold crossed, and moves the reference by C_p per event. The crossing time is
 *       interpolated inside the sub-step. After an event the pixel is blind for {@code refractoryUs}:
 *       changes during that time are not lost, they fire once it recovers (the reference still lags).</li>
 *   <li><b>Noise.</b> Background activity: Poisson events at {@code noiseHz} per pixel and polarity,
 *       uniformly over the recording.</li>
 * </ul>
 * Every random choice comes from {@code Seeds.stream(seed, "dvs-...", sample index)}: a sample's
 * events depend only on the seed, the parameters and its index, not on threads or order.
 */
public final class SaccadeSimulator {
    public static final int SIDE = NmnistFile.SIDE;
    private static final int IMG = 28;
    private static final int BORDER = (SIDE - IMG) / 2;
    /** Triangle vertices of the image offset in units of the amplitude; the third saccade returns to the start. */
    private static final double[][] PATH = {{-1, 1}, {0, -1}, {1, 1}, {-1, 1}};

    private final SaccadeParams p;

    public SaccadeSimulator(SaccadeParams p) { this.p = p; }

    /** Events of image {@code img} (28x28 intensities in [0, 1], row-major) with label, for sample {@code index}. */
    public EventStream simulate(float[] img, int off, int label, long index) {
        SplittableRandom mismatch = Seeds.stream(p.seed(), "dvs-threshold", index);
        SplittableRandom jitter = Seeds.stream(p.seed(), "dvs-jitter", index);
        SplittableRandom noise = Seeds.stream(p.seed(), "dvs-noise", index);
        int n = SIDE * SIDE;
        double[] thr = new double[n];
        for (int i = 0; i < n; i++) thr[i] = p.threshold() * Math.max(0.2, 1 + p.thresholdMismatch() * gaussian(mismatch));
        double[] ref = new double[n];
        double[] blindUntil = new double[n];
        Arrays.fill(blindUntil, -1);
        double[] level = new double[n];
        render(img, off, PATH[0][0] * p.amplitudePx(), PATH[0][1] * p.amplitudePx(), level);
        System.arraycopy(level, 0, ref, 0, n);
        Events ev = new Events();
        double dtSub = p.saccadeUs() / p.subSteps();
        double[] next = new double[n];
        double tEnd = 3 * p.saccadeUs();
        for (int s = 0; s < 3; s++) {
            for (int k = 1; k <= p.subSteps(); k++) {
                double f = (double) k / p.subSteps();
                // linear motion from vertex s to vertex s + 1
                double ox = (PATH[s][0] + f * (PATH[s + 1][0] - PATH[s][0])) * p.amplitudePx();
                double oy = (PATH[s][1] + f * (PATH[s + 1][1] - PATH[s][1])) * p.amplitudePx();
                render(img, off, ox, oy, next);
                double t0 = (s * p.subSteps() + k - 1) * dtSub;
                for (int i = 0; i < n; i++) {
                    double prev = level[i], cur = next[i];
                    double c = thr[i];
                    // crossings of ref +- m*C between prev and cur, at linearly interpolated times
                    while (true) {
                        double d = cur - ref[i];
                        if (Math.abs(d) < c) break;
                        int pol = d > 0 ? 1 : 0;
                        double target = ref[i] + (pol == 1 ? c : -c);
                        double frac = cur == prev ? 1 : (target - prev) / (cur - prev);
                        frac = Math.min(1, Math.max(0, frac));
                        double t = t0 + frac * dtSub + jitter.nextDouble() * 0.1 * dtSub;
                        if (t < blindUntil[i]) t = blindUntil[i];
                        if (t >= t0 + dtSub) break; // still refractory in this sub-step: fire later
                        ev.add(i % SIDE, i / SIDE, pol, (long) t);
                        ref[i] = target;
                        blindUntil[i] = t + p.refractoryUs();
                    }
                }
                double[] tmp = level; level = next; next = tmp;
            }
        }
        if (p.noiseHz() > 0) {
            double mean = p.noiseHz() * tEnd * 1e-6;
            for (int i = 0; i < n; i++) {
                for (int pol = 0; pol < 2; pol++) {
                    int m = poisson(noise, mean);
                    for (int q = 0; q < m; q++) ev.add(i % SIDE, i / SIDE, pol, (long) (noise.nextDouble() * tEnd));
                }
            }
        }
        return ev.sorted("sample " + index, label);
    }

    /** log(I + eps) of the 34x34 field with the image's top-left corner at (3 + ox, 3 + oy), bilinear. */
    private void render(float[] img, int off, double ox, double oy, double[] out) {
        double eps = p.logEps();
        double logDark = Math.log(eps);
        double bx = BORDER + ox, by = BORDER + oy;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double u = x - bx, v = y - by;
                int x0 = (int) Math.floor(u), y0 = (int) Math.floor(v);
                double fx = u - x0, fy = v - y0;
                double val = (1 - fx) * (1 - fy) * px(img, off, x0, y0) + fx * (1 - fy) * px(img, off, x0 + 1, y0)
                        + (1 - fx) * fy * px(img, off, x0, y0 + 1) + fx * fy * px(img, off, x0 + 1, y0 + 1);
                // most of the field is dark background: one log for all of it
                out[y * SIDE + x] = val == 0 ? logDark : Math.log(val + eps);
            }
        }
    }

    private static double px(float[] img, int off, int x, int y) {
        return x < 0 || y < 0 || x >= IMG || y >= IMG ? 0 : img[off + y * IMG + x];
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = 1 - r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-mean), prod = r.nextDouble();
        int k = 0;
        while (prod > l) {
            k++;
            prod *= r.nextDouble();
        }
        return k;
    }

    /** Growable event columns, sorted by time at the end (stable: equal times keep emission order). */
    private static final class Events {
        int n;
        short[] x = new short[4096], y = new short[4096];
        byte[] p = new byte[4096];
        long[] t = new long[4096];

        void add(int xi, int yi, int pol, long ti) {
            if (n == t.length) {
                x = Arrays.copyOf(x, 2 * n);
                y = Arrays.copyOf(y, 2 * n);
                p = Arrays.copyOf(p, 2 * n);
                t = Arrays.copyOf(t, 2 * n);
            }
            x[n] = (short) xi;
            y[n] = (short) yi;
            p[n] = (byte) pol;
            t[n] = ti;
            n++;
        }

        EventStream sorted(String source, int label) {
            // sort (time, emission index) keys: times < 2^23 us, indices < 2^32
            long[] key = new long[n];
            for (int i = 0; i < n; i++) key[i] = (t[i] << 32) | i;
            Arrays.sort(key);
            short[] sx = new short[n], sy = new short[n];
            byte[] sp = new byte[n];
            long[] st = new long[n];
            for (int i = 0; i < n; i++) {
                int j = (int) key[i];
                sx[i] = x[j];
                sy[i] = y[j];
                sp[i] = p[j];
                st[i] = t[j];
            }
            return new EventStream(source, label, sx, sy, sp, st);
        }
    }
}
