package io.memtile.core.target;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Validatable;

/**
 * The conventional mixed-signal design MEMprop is compared against (Section V-A): bit-line current
 * summation read out by shared SAR ADCs, inputs serialised by shared DACs.
 *
 * @param bits                ADC resolution
 * @param areaMm2             area of one ADC (mm^2); paper: 3e-3
 * @param powerW              power of one ADC (W); paper: 2e-4
 * @param clockHz             converter clock; paper: 40 MHz
 * @param adcsPerCrossbar     ADCs shared across the columns of one tile; paper: 4
 * @param cyclesPerConversion clock cycles per conversion; the paper assumes 1 (see report notes)
 * @param bitlinesPerActivation bit lines per output (differential pair: 2)
 * @param dacSharedLines      data lines sharing one DAC; paper: 32
 * @param dacBits             DAC resolution, serialised one bit per cycle; paper: 8
 * @param dacAreaMm2          area of one DAC (mm^2); the paper omits DACs (0 reproduces it)
 * @param dacPowerW           power of one DAC (W); the paper omits DACs
 */
public record AdcBaseline(int bits, double areaMm2, double powerW, double clockHz, int adcsPerCrossbar,
                          int cyclesPerConversion, int bitlinesPerActivation, int dacSharedLines, int dacBits,
                          double dacAreaMm2, double dacPowerW) implements Validatable {
    @Override
    public void validate(Fields f) {
        f.range("bits", bits, 1, 24);
        f.positive("areaMm2", areaMm2);
        f.positive("powerW", powerW);
        f.positive("clockHz", clockHz);
        f.range("adcsPerCrossbar", adcsPerCrossbar, 1, 1 << 16);
        f.range("cyclesPerConversion", cyclesPerConversion, 1, 1024);
        f.range("bitlinesPerActivation", bitlinesPerActivation, 1, 2);
        f.range("dacSharedLines", dacSharedLines, 1, 1 << 16);
        f.range("dacBits", dacBits, 1, 24);
        f.nonNegative("dacAreaMm2", dacAreaMm2);
        f.nonNegative("dacPowerW", dacPowerW);
    }
}
