package io.memtile.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.MemtileException;
import io.memtile.core.target.AdcBaseline;
import io.memtile.core.target.PaperAssumptions;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.core.target.TileParams;
import org.junit.jupiter.api.Test;

class PaperPpaTest {
    static final int[] PAPER = {784, 100, 10};

    static double step(PpaTable t, String symbol) {
        return t.derivation().stream().filter(s -> s.symbol().equals(symbol)).findFirst().orElseThrow().value();
    }

    @Test
    void reproducesTableIvFromThePaperTarget() {
        PpaTable t = PaperPpa.compute(Targets.paper(), PAPER);
        assertEquals(79_400, step(t, "N_syn"));
        assertEquals(158_800, step(t, "N_cells"));
        assertEquals(10, step(t, "N_tiles"));
        assertEquals(110, step(t, "N_neurons"));
        assertEquals(57.5e-3, step(t, "V̄"), 1e-12);
        assertEquals(50.5e3, step(t, "R̄"), 1e-6);
        assertEquals(21.45e-6, step(t, "P_tile"), 0.01e-6);
        assertEquals(0.2145, t.row("Power").memtile(), 0.0001);
        assertEquals(8.2145, t.row("Power").mixedSignal(), 0.0001);
        assertEquals(38.29, t.row("Power").improvement(), 0.005);
        assertEquals("38.29×", Display.ratio(t.row("Power").improvement()));
        assertEquals(0.0277, t.row("Area").memtile(), 1e-9);
        assertEquals(0.1477, t.row("Area").mixedSignal(), 1e-9);
        assertEquals("5.33×", Display.ratio(t.row("Area").improvement()));
        assertEquals(6.4e-6, step(t, "t_DAC"), 1e-15);
        assertEquals(0.4e-6, step(t, "t_ADC"), 1e-15);
        assertEquals(6.8e-6, step(t, "t_VMM"), 1e-15);
        assertEquals(7.44, t.row("Latency").mixedSignal(), 1e-9);
        assertEquals(0.64, t.row("Latency").memtile(), 1e-12);
        assertEquals(11.625, t.row("Latency").improvement(), 1e-9);
        assertEquals("11.63×", Display.ratio(t.row("Latency").improvement()));
        assertEquals(10, t.tiles().size());
        assertEquals(16384 * 9 + (158_800 - 16384 * 9), t.tiles().stream().mapToLong(TilePower::usedCells).sum());
    }

    @Test
    void deviationsFromThePrintedTableAreReported() {
        PpaTable t = PaperPpa.compute(Targets.paper(), PAPER);
        // 38.29 vs printed 38.30: a rounding slip of -0.03 %.
        assertEquals(-0.03, t.row("Power").improvementDeviationPct(), 0.01);
        // The printed area column is 100x off (note 1).
        assertEquals(-99.0, t.row("Area").memtileDeviationPct(), 0.01);
        assertEquals(1, t.row("Area").noteRef());
        assertTrue(t.notes().size() >= 7);
        assertTrue(t.notes().get(0).text().contains("2.77×10⁻² mm²"));
        // Note 3 computes the used-cells-only power: 0.02 * 158800 * 65.47 nW = 207.9 µW.
        assertTrue(t.notes().get(2).text().contains("207.9 µW"), t.notes().get(2).text());
        // Note 6: two VMMs per step -> 14.24 ms.
        assertTrue(t.notes().get(5).text().contains("14.24 ms"), t.notes().get(5).text());
    }

    @Test
    void knowmTargetChangesEveryFigure() {
        Target k = Targets.load("knowm-mss");
        PpaTable t = PaperPpa.compute(k, PAPER);
        // 256x256 tiles: ceil(158800 / 65536) = 3 tiles.
        assertEquals(3, step(t, "N_tiles"));
        // R̄ = (500 + 1500)/2 = 1 kΩ: P_dev = 0.0575² / 1000 = 3.306 µW, P_tile = 0.02 * 65536 * that.
        double pTile = 0.02 * 65536 * 0.0575 * 0.0575 / 1000;
        assertEquals(pTile, step(t, "P_tile"), 1e-12);
        assertEquals(3 * pTile * 1e3, t.row("Power").memtile(), 1e-9);
        // 8 ADCs of 0.1 mW and 8 DACs (256/32) of 30 µW per tile.
        assertEquals((3 * pTile + 24 * 1e-4 + 24 * 3e-5) * 1e3, t.row("Power").mixedSignal(), 1e-9);
        assertEquals(3 * 1.108e-2 + 24 * 1.5e-3 + 24 * 5e-4, t.row("Area").mixedSignal(), 1e-12);
        // DAC 32*6 cycles + ADC (256/2/8 = 16 conversions) * 6 cycles = 288 cycles at 40 MHz = 7.2 µs.
        assertEquals(7.2e-6, step(t, "t_VMM"), 1e-15);
        assertEquals(1000 * 7.2e-3 + 0.64, t.row("Latency").mixedSignal(), 1e-9);
        assertNotEquals(PaperPpa.compute(Targets.paper(), PAPER).row("Power").improvement(), t.row("Power").improvement());
    }

    @Test
    void eachTargetFieldFeedsItsFigure() {
        Target p = Targets.paper();
        AdcBaseline a = p.adc();
        // 2 cycles per conversion: t_ADC doubles to 0.8 µs -> 7.2 µs per VMM.
        Target slow = p.withAdc(new AdcBaseline(a.bits(), a.areaMm2(), a.powerW(), a.clockHz(), a.adcsPerCrossbar(), 2,
                a.bitlinesPerActivation(), a.dacSharedLines(), a.dacBits(), a.dacAreaMm2(), a.dacPowerW()));
        assertEquals(7.2e-6, step(PaperPpa.compute(slow, PAPER), "t_VMM"), 1e-15);
        // 64x64 tiles: 39 tiles.
        TileParams tp = p.tile();
        Target small = p.withTile(new TileParams(64, 64, tp.cellType(), tp.technologyNm(), tp.areaMm2() / 4, tp.wireResistanceOhm(), tp.readVoltageMax(), 0));
        assertEquals(39, step(PaperPpa.compute(small, PAPER), "N_tiles"));
        // Activity 4 %: twice the array power.
        Target busy = new Target(p.schemaVersion(), p.name(), p.description(), p.timing(), p.synapse(), p.neuron(), p.tile(), p.adc(),
                p.nonIdealities(), p.programming(), new PaperAssumptions(0.04, 6.4e-4, 2), p.trim());
        PpaTable b = PaperPpa.compute(busy, PAPER);
        assertEquals(0.429, b.row("Power").memtile(), 1e-4);
        // Two VMMs per step: 13.6 ms + 0.64 ms.
        assertEquals(14.24, b.row("Latency").mixedSignal(), 1e-9);
    }

    @Test
    void adcOverridesScaleWithBits() {
        PpaTable t = PaperPpa.compute(Targets.paper(), PAPER, new AdcOverrides(10, 0, 0, 0));
        // 10 bits: 2^(10-8) = 4x ADC power and area.
        assertEquals(0.2145 + 40 * 0.8, t.row("Power").mixedSignal(), 1e-3);
        assertEquals(0.0277 + 40 * 0.012, t.row("Area").mixedSignal(), 1e-9);
        PpaTable c = PaperPpa.compute(Targets.paper(), PAPER, new AdcOverrides(0, 8, 20e6, 8));
        // 8 ADCs per tile -> 8 conversions each, 8 cycles, 20 MHz: (256 + 64) cycles * 50 ns = 16 µs.
        assertEquals(16e-6, step(c, "t_VMM"), 1e-15);
        assertEquals(80, step(c, "N_ADC"));
        assertThrows(MemtileException.class, () -> new AdcOverrides(-1, 0, 0, 0));
    }

    @Test
    void rejectsBadLayers() {
        assertThrows(MemtileException.class, () -> PaperPpa.compute(Targets.paper(), new int[] {784}));
        assertThrows(MemtileException.class, () -> PaperPpa.compute(Targets.paper(), new int[] {784, 0, 10}));
    }
}
