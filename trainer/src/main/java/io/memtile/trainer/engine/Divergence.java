package io.memtile.trainer.engine;

import io.memtile.core.MemtileException;
import java.util.Locale;

/**
 * Non-finite states, scores, losses or weights mean the integration or the optimisation diverged:
 * the command stops with one line naming the likely cause instead of printing 10 % accuracy from NaN
 * scores or dying in a JSON writer. The usual causes are an explicit integrator on a stiff membrane
 * (small C_mem or large conductances) and an input amplitude far outside the device's range.
 */
public final class Divergence {
    private Divergence() {}

    /** Checks the readout scores and every layer's final state after a forward pass of sample {@code sample}. */
    public static void checkForward(Bptt ws, String source, int sample) {
        Network net = ws.network();
        double[] s = net.readout == Readout.MAX_VOLTAGE ? ws.maxVoltage() : ws.sumLogSoftmax();
        boolean ok = allFinite(s);
        for (int l = 0; ok && l < net.depth; l++) ok = allFinite(ws.voltages(l)[net.steps]);
        if (!ok) throw diverged(source, net, "membrane state became non-finite on sample " + sample);
    }

    /** The same check for every loaded lane of a lane group whose first sample is {@code firstSample}. */
    public static void checkForward(LaneBptt ws, String source, int firstSample) {
        Network net = ws.network();
        for (int b = 0; b < ws.count(); b++) {
            boolean ok = true;
            for (int k = 0; ok && k < net.classes(); k++) ok = Double.isFinite(ws.score(k, b));
            for (int l = 0; ok && l < net.depth; l++) {
                for (int j = 0; ok && j < net.layers[l + 1]; j++) ok = Double.isFinite(ws.voltage(l, net.steps - 1, j, b));
            }
            if (!ok) throw diverged(source, net, "membrane state became non-finite on sample " + (firstSample + b));
        }
    }

    /** Checks weights (or optimiser moments, named by {@code what}) after an optimiser step. */
    public static void checkWeights(double[][][] w, Network net, String source, int epoch, String what) {
        for (double[][] layer : w) for (double[] row : layer) {
            if (!allFinite(row)) throw diverged(source, net, what + " became non-finite in epoch " + epoch);
        }
    }

    /** Checks a batch loss. */
    public static void checkLoss(double loss, Network net, String source, int epoch) {
        if (!Double.isFinite(loss)) throw diverged(source, net, "loss became " + loss + " in epoch " + epoch);
    }

    public static MemtileException diverged(String source, Network net, String what) {
        String integ = net.kernel.integrator().name().toLowerCase(Locale.ROOT).replace('_', '-');
        String amp = String.format(Locale.ROOT, "the input amplitude or layer scales drive the membrane out of range (A0 = %.4g V)",
                net.config.inputAmplitude());
        // the exponential integrator is unconditionally stable, so with it the drive is the suspect
        String cause = integ.startsWith("exponential") ? amp
                : "the " + integ + " integrator is unstable for this membrane (try --integrator exponential), or " + amp;
        return new MemtileException(source, null, "diverged: " + what + "; likely cause: " + cause);
    }

    static boolean allFinite(double[] a) {
        for (double x : a) if (!Double.isFinite(x)) return false;
        return true;
    }
}
