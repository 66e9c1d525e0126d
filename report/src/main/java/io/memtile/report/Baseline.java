package io.memtile.report;

import io.memtile.core.target.AdcBaseline;
import io.memtile.core.target.TileParams;

/**
 * Structural costs of the ADC-based mixed-signal design on one tile, shared by paper and
 * measured mode: how many converters it needs and how long one VMM through the tile takes.
 *
 * <p>A VMM = serialise the inputs through the DACs, then convert the output columns. Inputs:
 * {@code dacSharedLines} word lines share one DAC that emits each {@code dacBits}-bit value one
 * bit per cycle, so the input phase takes dacSharedLines · dacBits cycles (all DACs of a tile in
 * parallel). Outputs: a differential activation uses {@code bitlinesPerActivation} bit lines; the
 * {@code cols / bitlinesPerActivation} activations are spread over {@code adcsPerCrossbar} ADCs,
 * each conversion taking {@code cyclesPerConversion} cycles.
 */
public record Baseline(AdcBaseline adc, TileParams tile) {

    public int adcsPerTile() { return adc.adcsPerCrossbar(); }

    /** DACs per tile: one per {@code dacSharedLines} word lines. */
    public int dacsPerTile() { return ceilDiv(tile.rows(), adc.dacSharedLines()); }

    public double cycleS() { return 1.0 / adc.clockHz(); }

    public long dacCycles() { return (long) adc.dacSharedLines() * adc.dacBits(); }

    /** Conversions one ADC performs per VMM when {@code activeCols} bit lines of the tile are read. */
    public int conversionsPerAdc(int activeCols) {
        int activations = ceilDiv(activeCols, adc.bitlinesPerActivation());
        return ceilDiv(activations, adc.adcsPerCrossbar());
    }

    public long adcCycles(int activeCols) { return (long) conversionsPerAdc(activeCols) * adc.cyclesPerConversion(); }

    public double dacTimeS() { return dacCycles() * cycleS(); }

    public double adcTimeS(int activeCols) { return adcCycles(activeCols) * cycleS(); }

    /** One VMM through a tile with all columns read, as in the paper. */
    public double vmmTimeS() { return dacTimeS() + adcTimeS(tile.cols()); }

    /** Energy of one conversion: the ADC's power over the cycles one conversion occupies it (J). */
    public double conversionEnergyJ() { return adc.powerW() * adc.cyclesPerConversion() * cycleS(); }

    /** Energy of serialising one input value through a DAC (J). */
    public double dacValueEnergyJ() { return adc.dacPowerW() * adc.dacBits() * cycleS(); }

    public double adcAreaPerTileMm2() { return adcsPerTile() * adc.areaMm2() + dacsPerTile() * adc.dacAreaMm2(); }

    public double converterPowerPerTileW() { return adcsPerTile() * adc.powerW() + dacsPerTile() * adc.dacPowerW(); }

    static int ceilDiv(long a, long b) { return (int) ((a + b - 1) / b); }
}
