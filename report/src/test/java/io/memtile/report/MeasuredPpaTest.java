package io.memtile.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.json.Json;
import io.memtile.core.target.Targets;
import io.memtile.sim.result.SimResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasuredPpaTest {
    static double step(PpaTable t, String symbol) {
        return t.derivation().stream().filter(s -> s.symbol().equals(symbol)).findFirst().orElseThrow().value();
    }

    @Test
    void costsTheSimulatedRunWithLayerVmmsAndDacs() {
        SimResult r = SimFixtures.paper784();
        PpaTable t = MeasuredPpa.compute(r, Targets.paper());
        // MEMprop: the simulated energy over the simulated time.
        assertEquals(r.energy().totalJ() * 1e6, t.row("Energy / inference").memtile(), 1e-12);
        assertEquals(r.averagePowerW() * 1e3, t.row("Power").memtile(), 1e-12);
        assertEquals(10.0, t.row("Latency").memtile(), 1e-12);
        // Layer 0 (784->100): DAC 32*8 = 256 cycles, 128 cols -> 64 activations / 4 ADCs = 16 conversions.
        assertEquals((256 + 16) / 40e6, step(t, "t_VMM,0"), 1e-15);
        // Layer 1 (100->10): DAC 32*8, 20 cols -> 10 activations / 4 ADCs = 3 conversions.
        assertEquals((256 + 3) / 40e6, step(t, "t_VMM,1"), 1e-15);
        assertEquals(1000 * (272 + 259) / 40e6 * 1e3, t.row("Latency").mixedSignal(), 1e-9);
        // ADC energy: 220,000 bit-line reads / 2 per activation * (0.2 mW * 1 cycle * 25 ns).
        double eAdc = 110_000 * 2e-4 * 25e-9;
        assertEquals(eAdc, step(t, "E_ADC"), 1e-18);
        double eArray = r.energy().alphaDriveJ() + r.energy().crossbarJ();
        assertEquals((eArray + eAdc) * 1e6, t.row("Energy / inference").mixedSignal(), 1e-12); // paper target: DAC power 0
        assertEquals(0.1477, t.row("Area").mixedSignal(), 1e-9);
        assertEquals(10, t.tiles().size());
        assertEquals(r.tiles().get(3).arrayJ() / 0.01, t.tiles().get(3).arrayPowerW(), 1e-15);
    }

    @Test
    void overridesAndTargetDacsChangeTheBaseline() {
        SimResult r = SimFixtures.paper784();
        PpaTable base = MeasuredPpa.compute(r, Targets.paper());
        PpaTable six = MeasuredPpa.compute(r, Targets.paper(), new AdcOverrides(6, 0, 0, 6));
        // 6 bits: 1/4 the power per ADC, but 6 cycles per conversion: energy per conversion x1.5.
        assertEquals(step(base, "E_ADC") * 1.5, step(six, "E_ADC"), 1e-18);
        assertEquals(0.0277 + 40 * 0.003 / 4, six.row("Area").mixedSignal(), 1e-12);
        // knowm-mss has DAC power: E_DAC = 884,000 writes * 6 bits * 30 µW * 25 ns.
        PpaTable k = MeasuredPpa.compute(r, Targets.load("knowm-mss"));
        assertEquals(884_000 * 6 * 3e-5 * 25e-9, step(k, "E_DAC"), 1e-18);
        assertTrue(k.notes().stream().anyMatch(n -> n.title().equals("Target mismatch")));
    }

    @Test
    void readsSimJsonThroughTheStrictReader(@TempDir Path dir) {
        Path sim = dir.resolve("sim.json");
        Json.write(sim, SimFixtures.paper784());
        PpaTable t = Reports.measured(sim, null, AdcOverrides.NONE);
        assertEquals("measured", t.mode());
        assertEquals("paper-65nm", t.targetName());
        assertTrue(Files.exists(sim));
    }
}
