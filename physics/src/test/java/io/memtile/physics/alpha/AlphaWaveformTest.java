package io.memtile.physics.alpha;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.target.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AlphaWaveformTest {
    private static final double DT = Targets.paper().timing().dt();
    private static final double TAU = Targets.paper().neuron().tauAlpha();

    /** A single impulse of weight w: the current peaks at t = tauAlpha (within one step) and carries w tauAlpha. */
    @ParameterizedTest
    @EnumSource(AlphaForm.class)
    void singlePulsePeakTimeAndArea(AlphaForm form) {
        int steps = (int) Math.ceil(30 * TAU / DT);
        double w = 2.5e-6;
        double[] u = AlphaWaveform.unit(steps, DT, TAU, Integer.MAX_VALUE, form);
        int peak = 0;
        double area = 0;
        for (int t = 0; t < steps; t++) {
            if (u[t] > u[peak]) peak = t;
            area += w * u[t] * DT;
        }
        // step t carries the current over [t dt, (t+1) dt): the peak time lies in that interval
        double peakTime = (peak + 0.5) * DT;
        assertEquals(TAU, peakTime, DT, form + " peak at step " + peak);
        assertEquals(TAU * w, area, 0.01 * TAU * w, form + " area");
        assertEquals(w / Math.E, w * u[peak], 0.02 * w / Math.E, form + " peak value");
    }

    @Test
    void stepAverageIsTheMeanOfTheContinuousKernel() {
        double[] u = AlphaWaveform.unit(200, DT, TAU, Integer.MAX_VALUE, AlphaForm.STEP_AVERAGE);
        for (int t : new int[] {0, 5, 63, 64, 150}) {
            int m = 2000;
            double s = 0;
            for (int i = 0; i < m; i++) s += AlphaWaveform.kernel((t + (i + 0.5) / m) * DT, TAU);
            assertEquals(s / m, u[t], 1e-7, "step " + t);
        }
    }

    /** Periodic injections superpose: the train equals the sum of shifted single pulses. */
    @ParameterizedTest
    @EnumSource(AlphaForm.class)
    void trainIsSuperpositionOfShiftedPulses(AlphaForm form) {
        int steps = 1000, period = 100;
        double[] train = AlphaWaveform.unit(steps, DT, TAU, period, form);
        double[] one = AlphaWaveform.unit(steps, DT, TAU, Integer.MAX_VALUE, form);
        for (int t = 0; t < steps; t++) {
            double s = 0;
            for (int k = 0; k <= t; k += period) s += one[t - k];
            assertEquals(s, train[t], 1e-12, form + " step " + t);
        }
    }
}
