package io.memtile.core.target;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Validatable;

/**
 * Write-verify programming of synapse devices.
 *
 * @param setVoltage      SET pulse amplitude (V, positive)
 * @param resetVoltage    RESET pulse amplitude (V, negative)
 * @param minPulseWidthNs shortest pulse the driver can produce (ns)
 * @param maxPulseWidthNs longest pulse (ns)
 * @param readVoltage     verify-read voltage (V); must not disturb the device
 * @param readTimeNs      time per verify read (ns)
 * @param toleranceLevels accepted |level error| after programming, in MSS levels
 * @param maxPulses       pulses after which a device is declared failed
 */
public record Programming(double setVoltage, double resetVoltage, double minPulseWidthNs, double maxPulseWidthNs,
                          double readVoltage, double readTimeNs, double toleranceLevels, int maxPulses)
        implements Validatable {
    @Override
    public void validate(Fields f) {
        f.positive("setVoltage", setVoltage);
        f.check(Double.isFinite(resetVoltage) && resetVoltage < 0, "resetVoltage", "must be a negative voltage, got " + resetVoltage);
        f.positive("minPulseWidthNs", minPulseWidthNs);
        f.positive("maxPulseWidthNs", maxPulseWidthNs);
        f.check(maxPulseWidthNs >= minPulseWidthNs, "maxPulseWidthNs", "must be >= minPulseWidthNs");
        f.positive("readVoltage", readVoltage);
        f.positive("readTimeNs", readTimeNs);
        f.range("toleranceLevels", toleranceLevels, 0, 1e6);
        f.range("maxPulses", maxPulses, 1, 1_000_000);
    }
}
