package io.memtile.trainer.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.trainer.engine.Readout;
import org.junit.jupiter.api.Test;

class DecisionTrackerTest {
    @Test
    void sumLogSoftmaxMarginIsTheSummedVoltageDifferenceInLogitUnits() {
        RunningReadout r = new RunningReadout(Readout.SUM_LOG_SOFTMAX, 1e-3, 3);
        r.step(new double[] {0.010, 0.004, 0.001});
        r.step(new double[] {0.012, 0.002, 0.001});
        assertEquals(0, r.leader());
        // the log-sum-exp terms cancel: (10 - 4) + (12 - 2) = 16 logit units
        assertEquals(16.0, r.margin(), 1e-9);
    }

    @Test
    void decidesWhenTheSameLeaderHoldsTheMarginForKSteps() {
        DecisionTracker d = new DecisionTracker(new EarlyDecisionRule(5, 3), new RunningReadout(Readout.SUM_LOG_SOFTMAX, 1e-3, 2));
        // per step class 1 leads by 3 mV: margins 3, 6, 9, 12 -> above 5 from step 1; held 3 steps at step 3
        double[] v = {0.001, 0.004};
        boolean[] fired = new boolean[6];
        for (int t = 0; t < 6; t++) fired[t] = d.step(t, v);
        assertTrue(fired[3]);
        assertFalse(fired[0] || fired[1] || fired[2] || fired[4] || fired[5], "fires exactly once");
        assertEquals(3, d.decidedStep());
        assertEquals(1, d.prediction());
    }

    @Test
    void aChangeOfLeaderRestartsTheHold() {
        DecisionTracker d = new DecisionTracker(new EarlyDecisionRule(1, 3), new RunningReadout(Readout.MAX_VOLTAGE, 1e-3, 2));
        d.step(0, new double[] {0.003, 0.0});  // class 0 leads by 3
        d.step(1, new double[] {0.003, 0.0});  // held 2
        d.step(2, new double[] {0.003, 0.010}); // class 1 takes over by 7: hold restarts at 1
        assertFalse(d.decided());
        d.step(3, new double[] {0.0, 0.0});
        assertTrue(d.step(4, new double[] {0.0, 0.0}));
        assertEquals(4, d.decidedStep());
        assertEquals(1, d.prediction());
    }

    @Test
    void offNeverDecidesAndBadRulesAreRejected() {
        DecisionTracker d = new DecisionTracker(EarlyDecisionRule.OFF, new RunningReadout(Readout.SUM_LOG_SOFTMAX, 1e-3, 2));
        for (int t = 0; t < 100; t++) assertFalse(d.step(t, new double[] {0.0, 0.05}));
        assertEquals(-1, d.decidedStep());
        assertEquals(1, d.prediction());
        assertThrows(IllegalArgumentException.class, () -> new EarlyDecisionRule(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new EarlyDecisionRule(1, -1));
    }
}
