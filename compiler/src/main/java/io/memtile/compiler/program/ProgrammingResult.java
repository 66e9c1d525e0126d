package io.memtile.compiler.program;

import java.util.List;

/**
 * Output of {@link ProgramPass}.
 *
 * @param tiles     programmed tiles (blocks after repair)
 * @param reports   per-tile programming cost
 * @param repairs   every stuck device found and what was done
 * @param pulseLogs per-tile pulse logs (empty when pulse logging is off)
 * @param neurons   neuron sites after repair (a pair moved to another tile changes the routing)
 * @param simulated false when programming was idealised (exact, no pulses simulated)
 */
public record ProgrammingResult(List<TileImage> tiles, List<TileProgrammingReport> reports, List<Repair> repairs,
                                List<PulseLog> pulseLogs, List<io.memtile.compiler.program.NeuronSite> neurons,
                                boolean simulated) {}
