/**
 * Cycle-level simulator of a compiled tile program ({@code memtile simulate}).
 *
 * <h2>Pipeline</h2>
 * <ol>
 *   <li>{@link io.memtile.sim.chip.ChipInstance}: one chip carrying the program. Starts from
 *       {@code TileImage.conductance} (the programmed values, never the trained floats) and applies the
 *       static non-idealities of this instance: stuck-at faults appearing after programming, then
 *       device-to-device variation of R_on/R_off (lognormal per cell).</li>
 *   <li>{@link io.memtile.sim.chip.ChipNetwork}: reduces the tiles to one linear map per weight layer
 *       (input word-line voltage to neuron membrane-node current), summing each neuron's column pairs
 *       (I+ - I-) over all its partial tiles. With IR drop on, each column pair's transfer is an exact DC
 *       solve of the tile's resistive word/bit-line network ({@link io.memtile.physics.crossbar.IrDropSolver});
 *       a crossbar with fixed conductances is linear, so this is done once per chip, not per step.</li>
 *   <li>{@link io.memtile.sim.engine.SampleEngine}: per sample and time step, layer 0's word lines carry
 *       inputAmplitude * p_i * alpha[t] (AlphaWaveform of the program's NetworkConfig), later layers'
 *       word lines carry the upstream membrane voltages after this step (the trainer's order); currents are
 *       scaled by LayerMapping.currentGain and every MIF neuron advances with MifKernel using the
 *       program's integrator. Read noise and drift act here. Spiking follows the trainer's
 *       {@code SpikeCriterion}; the class follows the program's readout rule.</li>
 *   <li>{@link io.memtile.sim.Results}: reduction (in sample order, so independent of threads) into
 *       {@link io.memtile.sim.result.SimResult}.</li>
 * </ol>
 *
 * <h2>Circuit assumptions</h2>
 * Bit lines used by a block are held at virtual ground by the current-subtracting sense circuit that
 * feeds the neuron's membrane node (this is what makes I = G V of Eq. (1) hold); bit lines no block uses
 * float; word lines with no input are held at 0 V. A bit line therefore also collects current from
 * cells of other blocks of the same layer on the tile (at reset in the ideal chip, where the pair's
 * contributions cancel); rows of other weight layers on the same tile are not coupled in (they are
 * common-mode on the pair; coupling them would make the within-step layer order acausal).
 *
 * <h2>Non-idealities (all seeded from SimOptions.seed, each switchable)</h2>
 * <ul>
 *   <li>device-to-device (d2dSigma): per-cell lognormal R_on', R_off', fixed for the chip instance; the
 *       programmed state x is kept (see ChipInstance).</li>
 *   <li>stuck-at (stuckAtRate, stuckOnFraction): cells failing after programming, unrepaired; cells the
 *       compiler already found stuck keep their programmed value.</li>
 *   <li>read noise (readNoiseSigma): each cell read as G (1 + sigma xi) every step, drawn as the exact
 *       aggregate Gaussian per neuron (SampleEngine). With IR drop on, its variance uses the ideal-wire cell
 *       terms (the noise is a small perturbation of an already attenuated signal).</li>
 *   <li>drift (driftTau): every cell relaxes toward its own G_off, G(t) = G_off + (G0 - G_off) e^{-t/tau},
 *       t = array age (--drift-age + sample index * inference time + time in the sample).</li>
 *   <li>IR drop (wireResistance, tile.wireResistanceOhm per cell pitch): exact per-tile DC solution.</li>
 * </ul>
 *
 * <h2>Energy</h2>
 * Array: sum over driven word lines of V^2 times the row's conductance on sensed bit lines, per step
 * (layer 0 is booked as "alpha drive": the alpha generators deliver it; later layers as "crossbar").
 * With IR drop on, the array heat is still computed with ideal wires (wire dissipation is not included;
 * {@code Energy.wireIncluded} says so). Neurons: G_i(x_i)(V - E_i)^2 per device (trapezoid over the
 * step) and positive increments of C V^2 / 2 for the membrane capacitor. Read noise does not change the
 * energy bookkeeping (zero-mean perturbation).
 */
package io.memtile.sim;
