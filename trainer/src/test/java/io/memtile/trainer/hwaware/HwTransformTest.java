package io.memtile.trainer.hwaware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.target.Target;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.Bptt;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.Parallel;
import io.memtile.trainer.engine.TestModels;
import io.memtile.trainer.model.NetworkConfig;
import io.memtile.trainer.train.Adam;
import io.memtile.trainer.train.BatchGradient;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HwTransformTest {
    static final int[] LAYERS = {20, 8, 3};
    static final Target T = TestModels.paper();

    static HwAwareConfig cfg(double d2d, double read, int n, double stuck, double wire) {
        // 8x8 tiles so that the 20-8-3 network spans several tiles and IR drop is visible
        return new HwAwareConfig(HwAwareConfig.VERSION, 3, d2d, read, n, stuck, 0.5, wire, 8, 8, 0, "grid", null, null, null);
    }

    static HwTransform transform(HwAwareConfig c) {
        return new HwTransform(c, T, LAYERS, CellLayout.grid(LAYERS, c.tileRows(), c.tileCols(), 0), null);
    }

    static Network net() {
        NetworkConfig c = TestModels.config(LAYERS, "EXPONENTIAL", 0.5, new double[] {4, 2}, 1e-2, 200, 1e-5, 50);
        return new Network(c, T);
    }

    /** Mean loss of the network run on T(w) for batch (0, 0). */
    static double loss(Network net, HwTransform hw, double[][][] w, Dataset d) {
        double[][][] e = hw.sample(w, 0, 0);
        Bptt ws = new Bptt(net);
        double[] p = new double[d.dim()];
        double s = 0;
        for (int i = 0; i < d.size(); i++) {
            d.sample(i, p);
            s += ws.forward(p, d.label(i), e);
        }
        return s / d.size();
    }

    /** Max relative error of the chained analytic gradient against central differences of the loss of T(w). */
    static double gradientError(HwTransform hw, int perLayer) {
        return gradientErrors(hw, perLayer, 0.6)[0];
    }

    /**
     * {max relative error per entry, ||analytic - fd|| / ||fd|| over the sampled entries} for weights
     * uniform in +-scale.
     */
    static double[] gradientErrors(HwTransform hw, int perLayer, double scale) {
        Network net = net();
        double[][][] w = TestModels.randomWeights(LAYERS, scale, 7);
        Dataset d = TestModels.synthetic(3, 20, 3, 11);
        int[] order = {0, 1, 2};
        double diff2 = 0, fd2 = 0;
        double[][][] g = Adam.zerosLike(w);
        try (Parallel par = new Parallel(1)) {
            new BatchGradient(net, par).compute(hw.sample(w, 0, 0), d, order, 0, 3, g);
        }
        hw.chain(g);
        SplittableRandom r = new SplittableRandom(99);
        double h = 1e-5, worst = 0;
        for (int l = 0; l < w.length; l++) {
            double[] fd = new double[perLayer], an = new double[perLayer];
            double fdMax = 0;
            for (int k = 0; k < perLayer; k++) {
                int j = r.nextInt(w[l].length), i = r.nextInt(w[l][j].length);
                fd[k] = io.memtile.trainer.train.CentralDifference.at(ww -> loss(net, hw, ww, d), w, l, j, i, h);
                an[k] = g[l][j][i];
                fdMax = Math.max(fdMax, Math.abs(fd[k]));
            }
            assertTrue(fdMax > 0, "layer " + l + " is dead");
            for (int k = 0; k < perLayer; k++) {
                double den = Math.max(Math.max(Math.abs(fd[k]), Math.abs(an[k])), 1e-3 * fdMax);
                worst = Math.max(worst, Math.abs(an[k] - fd[k]) / den);
                diff2 += (an[k] - fd[k]) * (an[k] - fd[k]);
                fd2 += fd[k] * fd[k];
            }
        }
        return new double[] {worst, Math.sqrt(diff2 / fd2)};
    }

    @Test
    void sampledDeviceNoiseAndStuckCellsChainExactly() {
        double err = gradientError(transform(cfg(0.05, 0.01, 0, 0.05, 0)), 25);
        System.out.printf("hw-aware gradient check (d2d, read noise, stuck): max relative error %.3e%n", err);
        assertTrue(err < 1e-3, "relative error " + err);
    }

    @Test
    void fixedChipWithAttenuationStuckAndOffsetChainsExactly() {
        SplittableRandom r = new SplittableRandom(4);
        int depth = LAYERS.length - 1;
        boolean[][] sp = new boolean[depth][], sm = new boolean[depth][];
        double[][] gp = new double[depth][], gm = new double[depth][], ap = new double[depth][], am = new double[depth][], off = new double[depth][];
        for (int l = 0; l < depth; l++) {
            int n = LAYERS[l] * LAYERS[l + 1];
            sp[l] = new boolean[n]; sm[l] = new boolean[n]; gp[l] = new double[n]; gm[l] = new double[n];
            ap[l] = new double[n]; am[l] = new double[n]; off[l] = new double[n];
            for (int k = 0; k < n; k++) {
                sp[l][k] = r.nextDouble() < 0.05;
                sm[l][k] = r.nextDouble() < 0.05;
                gp[l][k] = T.synapse().gOn();
                gm[l][k] = T.synapse().gOff();
                ap[l][k] = 0.5 + 0.5 * r.nextDouble();
                am[l][k] = 0.5 + 0.5 * r.nextDouble();
                off[l][k] = 0.01 * r.nextGaussian();
            }
        }
        FixedChip chip = new FixedChip(sp, sm, gp, gm, ap, am, off);
        HwTransform hw = new HwTransform(cfg(0.05, 0.01, 0, 0, 0), T, LAYERS, null, chip);
        double err = gradientError(hw, 25);
        System.out.printf("hw-aware gradient check (fixed chip): max relative error %.3e%n", err);
        assertTrue(err < 1e-3, "relative error " + err);
    }

    /**
     * Sampled IR drop: the attenuation is recomputed from the weights each batch and treated as a
     * per-batch constant (line loading is not differentiated), so the chained gradient is the exact
     * derivative at fixed attenuation but not the total derivative. With weights in the trained
     * range (|w| <= 0.15) the omitted loading term is a few per cent of the gradient; entries whose
     * direct gradient vanishes can still see a loading-only gradient, hence the norm criterion.
     */
    @Test
    void sampledIrDropOmitsOnlyTheSmallLoadingTerm() {
        double[] e = gradientErrors(transform(cfg(0, 0, 0, 0, 2.5)), 25, 0.15);
        System.out.printf("hw-aware gradient check (sampled IR drop, loading not differentiated): relative norm error %.3e%n", e[1]);
        assertTrue(e[1] < 0.05, "relative norm error " + e[1]);
        assertTrue(e[1] > 0, "the loading term cannot vanish exactly on a tile with IR drop");
    }

    @Test
    void drawsAreSeededByBatch() {
        double[][][] w = TestModels.randomWeights(LAYERS, 0.3, 1);
        HwAwareConfig c = cfg(0.05, 0.01, 64, 0.05, 2.5);
        double[][][] a = deepCopy(transform(c).sample(w, 2, 5));
        double[][][] b = deepCopy(transform(c).sample(w, 2, 5));
        HwTransform reused = transform(c);
        reused.sample(w, 0, 0);
        double[][][] b2 = deepCopy(reused.sample(w, 2, 5));
        double[][][] other = deepCopy(transform(c).sample(w, 2, 6));
        HwAwareConfig c2 = new HwAwareConfig(c.version(), 4, c.d2dSigma(), c.readNoiseSigma(), c.switches(), c.stuckAtRate(),
                c.stuckOnFraction(), c.wireResistanceOhm(), c.tileRows(), c.tileCols(), c.spareColumns(), c.packer(), null, null, null);
        double[][][] otherSeed = deepCopy(transform(c2).sample(w, 2, 5));
        for (int l = 0; l < w.length; l++) {
            for (int j = 0; j < w[l].length; j++) {
                assertArrayEquals(a[l][j], b[l][j]);
                assertArrayEquals(a[l][j], b2[l][j]);
            }
        }
        assertNotEquals(a[0][0][0], other[0][0][0]);
        assertNotEquals(a[0][0][0], otherSeed[0][0][0]);
    }

    @Test
    void stuckDevicesReceiveNoGradient() {
        double[][][] w = TestModels.randomWeights(LAYERS, 0.5, 2);
        HwTransform hw = transform(cfg(0.05, 0.01, 0, 0.3, 0));
        double[][][] e = hw.sample(w, 0, 0);
        HwTransform free = transform(cfg(0.05, 0.01, 0, 0, 0));
        double[][][] e0 = free.sample(w, 0, 0);
        double[][][] g = Adam.zerosLike(w);
        for (double[][] gl : g) for (double[] row : gl) java.util.Arrays.fill(row, 1);
        hw.chain(g);
        int zero = 0, live = 0;
        double gOn = T.synapse().gOn(), gOff = T.synapse().gOff(), gUnit = gOn - gOff;
        for (int l = 0; l < w.length; l++) {
            for (int j = 0; j < w[l].length; j++) {
                for (int i = 0; i < w[l][j].length; i++) {
                    if (g[l][j][i] == 0) {
                        zero++;
                        // the device that carries the sign of w is stuck: moving w a little does not move w_eff
                        double before = e[l][j][i];
                        double w0 = w[l][j][i];
                        w[l][j][i] = w0 + Math.signum(w0) * 0.01;
                        double after = hw.sample(w, 0, 0)[l][j][i];
                        w[l][j][i] = w0;
                        hw.sample(w, 0, 0);
                        assertEquals(before, after, 1e-15);
                    } else {
                        live++;
                        assertTrue(g[l][j][i] > 0);
                    }
                    // read noise and variation only: |w_eff - w| stays small unless a device is stuck
                    if (g[l][j][i] != 0 && Math.abs(e[l][j][i] - e0[l][j][i]) > 1e-12) {
                        // the partner device is stuck; its deviation is a whole device range at most
                        assertTrue(Math.abs(e[l][j][i] - e0[l][j][i]) < 1.2 * gOn / gUnit);
                    }
                }
            }
        }
        assertTrue(zero > 0 && live > 0, "zero " + zero + " live " + live);
        assertTrue(hw.stuckDevices() > 0);
    }

    @Test
    void quantisationIsStraightThroughOnTheRoundingOnly() {
        double[][][] w = TestModels.randomWeights(LAYERS, 0.4, 3);
        int n = 8;
        HwTransform q = transform(cfg(0.05, 0.01, n, 0, 0));
        HwTransform c = transform(cfg(0.05, 0.01, 0, 0, 0));
        double[][][] eq = deepCopy(q.sample(w, 1, 1));
        double[][][] ec = deepCopy(c.sample(w, 1, 1));
        HwTransform only = transform(cfg(0, 0, n, 0, 0));
        double[][][] eo = only.sample(w, 1, 1);
        boolean differs = false;
        for (int l = 0; l < w.length; l++) {
            for (int j = 0; j < w[l].length; j++) {
                // same draws: the derivative (device range, read-noise factor, sign) is the one of the unrounded
                // transform, i.e. only d round / dx is replaced by 1
                assertArrayEquals(c.derivative()[l][j], q.derivative()[l][j], 0.0);
                for (int i = 0; i < w[l][j].length; i++) {
                    differs |= eq[l][j][i] != ec[l][j][i];
                    // the forward value is the compiler's level: k = round(N w), pair (max(k,0), max(-k,0))
                    long k = Math.round(n * w[l][j][i]);
                    assertEquals(k / (double) n, eo[l][j][i], 1e-12);
                    assertTrue(only.derivative()[l][j][i] == 1.0 || w[l][j][i] == 0);
                }
            }
        }
        assertTrue(differs, "rounding must change the forward values");
    }

    @Test
    void disabledTransformIsTheIdentity() {
        double[][][] w = TestModels.randomWeights(LAYERS, 0.7, 8);
        HwTransform id = transform(cfg(0, 0, 0, 0, 0));
        double[][][] e = id.sample(w, 0, 0);
        for (int l = 0; l < w.length; l++) for (int j = 0; j < w[l].length; j++) assertArrayEquals(w[l][j], e[l][j], 1e-15);
        assertFalse(cfg(0, 0, 0, 0, 0).any());
    }

    static double[][][] deepCopy(double[][][] a) {
        double[][][] c = new double[a.length][][];
        for (int l = 0; l < a.length; l++) {
            c[l] = new double[a[l].length][];
            for (int j = 0; j < a[l].length; j++) c[l][j] = a[l][j].clone();
        }
        return c;
    }
}
