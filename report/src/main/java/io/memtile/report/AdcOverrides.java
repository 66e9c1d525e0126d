package io.memtile.report;

import io.memtile.core.MemtileException;
import io.memtile.core.target.AdcBaseline;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line overrides of the target's ADC baseline; 0 keeps the target's value.
 *
 * <p><b>Resolution scaling.</b> The target gives the power and area of one ADC at its own
 * resolution {@code adc.bits}. Asking for a different resolution b scales both by 2^(b - bits):
 * power as the Walden figure of merit implies (energy per conversion = FoM · 2^ENOB at a fixed
 * conversion rate, so P ∝ 2^b), area as the binary-weighted capacitor DAC of a SAR ADC grows
 * (∝ 2^b unit capacitors, which dominate its area at these resolutions). Cycles per conversion are
 * NOT scaled with the bits: the paper charges 1 cycle, a real SAR needs about b; set them
 * explicitly with {@code --adc-cycles}.
 *
 * @param bits                ADC resolution (0 = target's)
 * @param adcsPerTile         ADCs per crossbar (0 = target's)
 * @param clockHz             converter clock in Hz (0 = target's)
 * @param cyclesPerConversion clock cycles per conversion (0 = target's)
 */
public record AdcOverrides(int bits, int adcsPerTile, double clockHz, int cyclesPerConversion) {
    public static final AdcOverrides NONE = new AdcOverrides(0, 0, 0, 0);

    public AdcOverrides {
        if (bits < 0 || bits > 24) throw new MemtileException("--adc-bits", null, "must be in [1, 24], got " + bits);
        if (adcsPerTile < 0) throw new MemtileException("--adcs-per-tile", null, "must be a positive integer, got " + adcsPerTile);
        if (clockHz < 0 || !Double.isFinite(clockHz)) throw new MemtileException("--adc-clock", null, "must be a positive frequency in Hz, got " + clockHz);
        if (cyclesPerConversion < 0) throw new MemtileException("--adc-cycles", null, "must be a positive integer, got " + cyclesPerConversion);
    }

    public boolean isNone() { return equals(NONE); }

    /** 2^(bits - base bits): the factor applied to one ADC's power and area. */
    public static double scale(int baseBits, int bits) { return Math.pow(2, bits - baseBits); }

    public AdcBaseline apply(AdcBaseline a) {
        int b = bits == 0 ? a.bits() : bits;
        double s = scale(a.bits(), b);
        return new AdcBaseline(b, a.areaMm2() * s, a.powerW() * s, clockHz == 0 ? a.clockHz() : clockHz,
                adcsPerTile == 0 ? a.adcsPerCrossbar() : adcsPerTile,
                cyclesPerConversion == 0 ? a.cyclesPerConversion() : cyclesPerConversion,
                a.bitlinesPerActivation(), a.dacSharedLines(), a.dacBits(), a.dacAreaMm2(), a.dacPowerW());
    }

    /** The ADC parameters as used, each marked with where it came from. */
    public List<Parameter> describe(AdcBaseline base) {
        AdcBaseline a = apply(base);
        List<Parameter> p = new ArrayList<>();
        String bitsSrc = bits == 0 ? "target" : "override";
        String scaled = bits == 0 || bits == base.bits() ? "target"
                : Display.f("scaled 2^(%d-%d) = %s from %d-bit target value", bits, base.bits(), Display.num(scale(base.bits(), bits)), base.bits());
        p.add(new Parameter("adc.bits", Integer.toString(a.bits()), bitsSrc));
        p.add(new Parameter("adc.powerW", Display.si(a.powerW(), "W") + " per ADC", scaled));
        p.add(new Parameter("adc.areaMm2", Display.num(a.areaMm2()) + " mm² per ADC", scaled));
        p.add(new Parameter("adc.clockHz", Display.si(a.clockHz(), "Hz"), clockHz == 0 ? "target" : "override"));
        p.add(new Parameter("adc.adcsPerCrossbar", Integer.toString(a.adcsPerCrossbar()), adcsPerTile == 0 ? "target" : "override"));
        p.add(new Parameter("adc.cyclesPerConversion", Integer.toString(a.cyclesPerConversion()), cyclesPerConversion == 0 ? "target" : "override"));
        p.add(new Parameter("adc.bitlinesPerActivation", Integer.toString(a.bitlinesPerActivation()), "target"));
        p.add(new Parameter("adc.dacSharedLines × dacBits", a.dacSharedLines() + " × " + a.dacBits(), "target"));
        p.add(new Parameter("adc.dacPowerW / dacAreaMm2", Display.si(a.dacPowerW(), "W") + " / " + Display.num(a.dacAreaMm2()) + " mm²", "target"));
        return p;
    }
}
