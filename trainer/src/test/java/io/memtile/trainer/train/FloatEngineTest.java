package io.memtile.trainer.train;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.Parallel;
import io.memtile.trainer.engine.Precision;
import io.memtile.trainer.engine.TestModels;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The float32 engine (BatchGradient over FloatLaneBptt): its gradient is the exact float64 gradient
 * (itself checked against finite differences in GradientCheckTest) to float accuracy; it is
 * bit-identical for any thread count and SIMD/scalar; training in float32 resumes bit-identically and
 * records its precision; where float32 cannot run the network the trainer falls back to float64
 * with a note.
 */
class FloatEngineTest {
    static final int[] LAYERS = {20, 8, 3};
    static final NetworkConfig NET = TestModels.config(LAYERS, "EXPONENTIAL", 0.5, new double[] {4, 2}, 1e-2, 200, 1e-5, 50);
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
    /**
     * Tolerance of the float32 gradient against the exact float64 one: |g32 - g64| / max(|g32|, |g64|,
     * 1e-3 max|g64|) over every entry (the measure of GradientCheckTest). Measured: 2.9e-6 on 20-8-3 x
     * 200 steps, 6.8e-5 on 12-7-5-3 (whose membranes reach kilovolts); float's eps is 6e-8, and
     * rounding accumulates over the forward and the reverse sweep. A tolerance of 5e-4 still catches
     * a wrong derivative term (the first float kernel's unsaturated sigmoid clamp gave 4e-3 and 1.07).
     */
    static final double FLOAT_GRADIENT_TOLERANCE = 5e-4;

    static double[][][] grad(Network net, Precision p, double[][][] w, Dataset d, int threads, double[] loss) {
        int[] order = new int[d.size()];
        for (int i = 0; i < order.length; i++) order[i] = order.length - 1 - i;
        double[][][] g = Adam.zerosLike(w);
        try (Parallel par = new Parallel(threads)) {
            BatchGradient.Stats s = new BatchGradient(net, par, p).compute(w, d, order, 0, order.length, g);
            if (loss != null) loss[0] = s.meanLoss();
        }
        return g;
    }

    static double relativeError(double[][][] a, double[][][] ref) {
        double max = 0;
        for (double[][] l : ref) for (double[] r : l) for (double x : r) max = Math.max(max, Math.abs(x));
        double worst = 0;
        for (int l = 0; l < a.length; l++) for (int j = 0; j < a[l].length; j++) for (int i = 0; i < a[l][j].length; i++) {
            double x = a[l][j][i], y = ref[l][j][i];
            worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.max(Math.abs(x), Math.abs(y)), 1e-3 * max));
        }
        return worst;
    }

    @Test
    void float32GradientIsTheExactGradientToFloatAccuracy() {
        double[][][] w = TestModels.randomWeights(LAYERS, 0.6, 7);
        Dataset d = TestModels.synthetic(5, 20, 3, 11);
        Network net = new Network(NET, TestModels.paper());
        double[] l64 = new double[1], l32 = new double[1];
        double[][][] g64 = grad(net, Precision.FLOAT64, w, d, 1, l64);
        double[][][] g32 = grad(net, Precision.FLOAT32, w, d, 1, l32);
        double err = relativeError(g32, g64);
        double lossErr = Math.abs(l32[0] - l64[0]) / Math.abs(l64[0]);
        System.out.printf("float32 vs float64 gradient (20-8-3, 200 steps): max relative error %.3e; loss %.3e%n", err, lossErr);
        assertTrue(err < FLOAT_GRADIENT_TOLERANCE, "float32 gradient relative error " + err);
        assertTrue(lossErr < 1e-5, "loss " + l32[0] + " vs " + l64[0]);
        assertTrue(err > 0, "the float32 path did not run in float");
    }

    @Test
    void deeperNetworkToo() {
        int[] layers = {12, 7, 5, 3};
        NetworkConfig c = new NetworkConfig(layers, "EXPONENTIAL", "FORWARD_EULER", 1.0, new double[] {3, 2, 2}, 1e-2,
                "SUM_LOG_SOFTMAX", 150, 1e-5, 30);
        double[][][] w = TestModels.randomWeights(layers, 0.8, 9);
        Dataset d = TestModels.synthetic(3, 12, 3, 12);
        Network net = new Network(c, TestModels.paper());
        double err = relativeError(grad(net, Precision.FLOAT32, w, d, 2, null), grad(net, Precision.FLOAT64, w, d, 2, null));
        System.out.printf("float32 vs float64 gradient (12-7-5-3): max relative error %.3e%n", err);
        assertTrue(err < FLOAT_GRADIENT_TOLERANCE, "relative error " + err);
    }

    @Test
    void bitIdenticalAcrossThreadsAndSimd() {
        double[][][] w = TestModels.randomWeights(LAYERS, 0.6, 7);
        Dataset d = TestModels.synthetic(19, 20, 3, 13); // one full group of 16 and a partial one
        Network simd = new Network(NET, TestModels.paper(), true), scalar = new Network(NET, TestModels.paper(), false);
        assertTrue(simd.describe(Precision.FLOAT32).contains("SIMD"));
        assertFalse(scalar.describe(Precision.FLOAT32).contains("SIMD"));
        double[][][] ref = grad(simd, Precision.FLOAT32, w, d, 1, null);
        for (int th : new int[] {2, 3}) ResumeTest.assertDeepEquals(ref, grad(simd, Precision.FLOAT32, w, d, th, null));
        ResumeTest.assertDeepEquals(ref, grad(scalar, Precision.FLOAT32, w, d, 2, null));
    }

    static TrainOptions opts(Path out, int epochs, int threads, boolean resume, Precision p) {
        return ResumeTest.opts(out, epochs, threads, resume).withPrecision(p);
    }

    @Test
    void float64TrainingResumesBitIdenticallyToo(@TempDir Path dir) {
        Dataset train = TestModels.synthetic(40, 16, 4, 1);
        ModelArtifact straight = Trainer.train(opts(dir.resolve("a.json"), 2, 2, false, Precision.FLOAT64), train, null, QUIET);
        Path b = dir.resolve("b.json");
        Trainer.train(opts(b, 1, 1, false, Precision.FLOAT64), train, null, QUIET);
        ModelArtifact resumed = Trainer.train(opts(b, 2, 3, true, Precision.FLOAT64), train, null, QUIET);
        ResumeTest.assertDeepEquals(straight.weights(), resumed.weights());
        assertEquals("float64", resumed.training().precision());
    }

    @Test
    void float32TrainingResumesBitIdenticallyAndIsThreadIndependent(@TempDir Path dir) {
        Dataset train = TestModels.synthetic(40, 16, 4, 1);
        Dataset test = TestModels.synthetic(12, 16, 4, 2);
        ModelArtifact straight = Trainer.train(opts(dir.resolve("a.json"), 2, 2, false, Precision.FLOAT32), train, test, QUIET);
        ModelArtifact threads1 = Trainer.train(opts(dir.resolve("c.json"), 2, 1, false, Precision.FLOAT32), train, test, QUIET);
        Path b = dir.resolve("b.json");
        Trainer.train(opts(b, 1, 3, false, Precision.FLOAT32), train, test, QUIET);
        ModelArtifact resumed = Trainer.train(opts(b, 2, 2, true, Precision.FLOAT32), train, test, QUIET);
        ResumeTest.assertDeepEquals(straight.weights(), resumed.weights());
        ResumeTest.assertDeepEquals(straight.weights(), threads1.weights());
        assertEquals("float32", Json.read(b, ModelArtifact.class).training().precision());
        // float32 really trained differently from float64 (the comparison above is not of float64 runs)
        ModelArtifact f64 = Trainer.train(opts(dir.resolve("d.json"), 2, 2, false, Precision.FLOAT64), train, test, QUIET);
        assertTrue(ResumeTest.differs(straight.weights(), f64.weights()));
        assertEquals("float64", f64.training().precision());
    }

    @Test
    void resumeRejectsAnotherPrecision(@TempDir Path dir) {
        Dataset train = TestModels.synthetic(16, 16, 4, 4);
        Path out = dir.resolve("m.json");
        Trainer.train(opts(out, 1, 1, false, Precision.FLOAT32), train, null, QUIET);
        MemtileException e = assertThrows(MemtileException.class,
                () -> Trainer.train(opts(out, 2, 1, true, Precision.FLOAT64), train, null, QUIET));
        assertTrue(e.getMessage().contains("precision"), e.getMessage());
    }

    @Test
    void fallsBackToFloat64WithANoteWhereFloat32CannotRun(@TempDir Path dir) {
        NetworkConfig semi = TestModels.config(new int[] {16, 8, 4}, "SEMI_IMPLICIT", 2, new double[] {2, 1}, 1e-2, 80, 1e-5, 20);
        Dataset train = TestModels.synthetic(16, 16, 4, 6);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainOptions o = new TrainOptions("synthetic", semi, TestModels.paper(), 1, 8, 3e-3, 0.9, 0.999, 17, 0.3, 1, 0,
                dir.resolve("s.json"), false, 0, Precision.FLOAT32);
        ModelArtifact m = Trainer.train(o, train, null, new PrintStream(log, true));
        String text = log.toString();
        assertEquals(1, text.lines().filter(s -> s.startsWith("note: training in float64 instead of float32")).count(), text);
        assertEquals("float64", m.training().precision());
        ModelArtifact ref = Trainer.train(o.withPrecision(Precision.FLOAT64), train, null, QUIET);
        ResumeTest.assertDeepEquals(ref.weights(), m.weights());
    }

    @Test
    void parsesThePrecisionOption() {
        assertEquals(Precision.FLOAT32, Precision.parse("float32"));
        assertEquals(Precision.FLOAT64, Precision.parse("FLOAT64"));
        assertThrows(IllegalArgumentException.class, () -> Precision.parse("float16"));
    }
}
