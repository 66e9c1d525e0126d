package io.memtile.core.target;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Validatable;
import io.memtile.core.json.Versioned;

/**
 * A complete hardware target: the synapse device, the MIF neuron, the tile, the ADC baseline,
 * non-idealities, programming, the paper's costing assumptions and (optionally) the per-neuron trim
 * available for calibration after programming ({@link Trim}; absent = none). Nothing in memtile is wired to
 * one device; everything reads these numbers.
 */
public record Target(int schemaVersion, String name, String description, Timing timing, MssParams synapse,
                     NeuronParams neuron, TileParams tile, AdcBaseline adc, NonIdealities nonIdealities,
                     Programming programming, PaperAssumptions paper, @io.memtile.core.json.OptionalField Trim trim)
        implements Validatable, Versioned {
    public static final int SCHEMA_VERSION = 1;

    @Override
    public void validate(Fields f) {
        f.nonBlank("name", name);
        f.present("description", description);
        f.present("timing", timing).validate(f.sub("timing"));
        f.present("synapse", synapse).validate(f.sub("synapse"));
        f.present("neuron", neuron).validate(f.sub("neuron"));
        f.present("tile", tile).validate(f.sub("tile"));
        f.present("adc", adc).validate(f.sub("adc"));
        f.present("nonIdealities", nonIdealities).validate(f.sub("nonIdealities"));
        f.present("programming", programming).validate(f.sub("programming"));
        f.present("paper", paper).validate(f.sub("paper"));
        if (trim != null) trim.validate(f.sub("trim"));
        // Cross-field physics checks: a target whose programming pulses cannot switch the device,
        // or whose read voltage would switch it, is impossible, not merely odd.
        f.check(programming.setVoltage() > synapse.vOn(), "programming.setVoltage",
                "must exceed synapse.vOn (" + synapse.vOn() + " V) or no SET pulse can switch a device");
        f.check(programming.readVoltage() < synapse.vOn(), "programming.readVoltage",
                "must stay below synapse.vOn (" + synapse.vOn() + " V) or every verify read disturbs the device");
        f.check(timing.dt() < neuron.tauAlpha() * 10, "timing.dt", "is larger than 10 * neuron.tauAlpha: the input current cannot be resolved");
    }

    public Target withNonIdealities(NonIdealities n) {
        return new Target(schemaVersion, name, description, timing, synapse, neuron, tile, adc, n, programming, paper, trim);
    }

    public Target withTile(TileParams t) {
        return new Target(schemaVersion, name, description, timing, synapse, neuron, t, adc, nonIdealities, programming, paper, trim);
    }

    public Target withSynapse(MssParams s) {
        return new Target(schemaVersion, name, description, timing, s, neuron, tile, adc, nonIdealities, programming, paper, trim);
    }

    public Target withAdc(AdcBaseline a) {
        return new Target(schemaVersion, name, description, timing, synapse, neuron, tile, a, nonIdealities, programming, paper, trim);
    }
}
