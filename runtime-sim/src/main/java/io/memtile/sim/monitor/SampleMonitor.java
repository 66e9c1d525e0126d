package io.memtile.sim.monitor;

import io.memtile.sim.engine.EngineSpec;
import io.memtile.sim.engine.SimArrays;
import io.memtile.sim.engine.StepObserver;
import io.memtile.trainer.activity.ActionPotentialCounter;
import io.memtile.trainer.activity.ActionPotentialCriterion;
import io.memtile.trainer.decision.DecisionTracker;
import io.memtile.trainer.decision.EarlyDecisionRule;
import io.memtile.trainer.decision.RunningReadout;

/**
 * The simulator's measurements that ride along the cycle-level loop: action potentials per layer
 * (the criterion eval uses) and the early-decision rule (the tracker eval uses), with the energy
 * record snapshotted at the decision step so that the chip can be charged up to its decision.
 */
public final class SampleMonitor implements StepObserver {
    private final ActionPotentialCounter[] counters;
    private final DecisionTracker tracker;
    private final int depth;
    private int index = -1;
    private SimArrays out;
    private boolean snapped;

    public SampleMonitor(EngineSpec s, EarlyDecisionRule rule) {
        this.depth = s.depth;
        ActionPotentialCriterion apc = ActionPotentialCriterion.of(s.neuron);
        counters = new ActionPotentialCounter[depth];
        for (int l = 0; l < depth; l++) counters[l] = new ActionPotentialCounter(apc, s.widths[l + 1]);
        tracker = new DecisionTracker(rule, new RunningReadout(s.readout, s.lossVoltageUnit, s.classes()));
    }

    @Override
    public void begin(int index, SimArrays out) {
        this.index = index;
        this.out = out;
        for (ActionPotentialCounter c : counters) c.reset();
        tracker.reset();
        snapped = false;
    }

    @Override
    public void step(int t, double[][] v, double[] energy, int eBase) {
        for (int l = 0; l < depth; l++) counters[l].step(v[l]);
        if (tracker.step(t, v[depth - 1])) {
            MonitorArrays m = out.monitor;
            System.arraycopy(energy, eBase, m.energyAtDecision, index * m.energySlots, m.energySlots);
            snapped = true;
        }
    }

    @Override
    public void end() {
        MonitorArrays m = out.monitor;
        for (int l = 0; l < depth; l++) {
            m.actionPotentials[index * depth + l] = counters[l].actionPotentials();
            m.apSteps[index * depth + l] = counters[l].stepsInActionPotential();
        }
        m.earlyStep[index] = tracker.decidedStep();
        m.earlyPredicted[index] = tracker.prediction();
        if (!snapped) {
            int base = index * out.energySlots;
            System.arraycopy(out.energy, base, m.energyAtDecision, index * m.energySlots, m.energySlots);
        }
    }
}
