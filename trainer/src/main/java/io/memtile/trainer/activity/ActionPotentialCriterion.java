package io.memtile.trainer.activity;

import io.memtile.core.target.NeuronParams;
import io.memtile.trainer.engine.SpikeCriterion;

/**
 * The single definition of a MIF <em>action potential</em>, shared by eval and the simulator.
 *
 * <p>A MIF neuron fires when its membrane is driven above M1's switching voltage E1 + V_on,1, so
 * that M1 turns ON and pulls the membrane down toward E1 (spec 1.1; 110 mV on paper-65nm). An action
 * potential therefore begins at an upward crossing of {@link #onVolts()} and ends when the pull-down
 * has brought the membrane back below {@link #rearmVolts()}, the point where M1 is half switched at
 * equilibrium ({@link SpikeCriterion}, 57.5 mV). The gap between the two levels is the hysteresis:
 * ringing around V_on inside one excursion is one action potential, not several.
 *
 * <p>This is not the same figure as "time above 57.5 mV" ({@link SpikeCriterion}): a slow plateau
 * at 60-90 mV counts there but never reaches V_on, so it is no action potential.
 *
 * @param onVolts    upward crossing of this membrane voltage starts an action potential (E1 + V_on,1)
 * @param rearmVolts the action potential ends (and the detector re-arms) when V_m falls below this
 */
public record ActionPotentialCriterion(double onVolts, double rearmVolts) {
    public static final String DEFINITION = "upward crossing of V_m = E1 + V_on,1, ended by the pull-down below E1 + (V_on,1 + V_off,1)/2";

    public ActionPotentialCriterion {
        if (!(rearmVolts < onVolts)) throw new IllegalArgumentException("re-arm level must be below the firing level");
    }

    /** E1 + V_on,1 and the M1 half-switch point of the neuron. */
    public static ActionPotentialCriterion of(NeuronParams n) {
        return new ActionPotentialCriterion(n.e1() + n.m1().vOn(), SpikeCriterion.of(n).thresholdVolts());
    }
}
