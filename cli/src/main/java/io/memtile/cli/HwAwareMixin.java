package io.memtile.cli;

import io.memtile.core.target.Target;
import io.memtile.trainer.hwaware.HwAwareConfig;
import io.memtile.trainer.hwaware.HwAwareOptions;
import picocli.CommandLine.Option;

/** Hardware-aware training switches shared by {@code train} and {@code finetune}. */
public final class HwAwareMixin {
    @Option(names = "--hw-aware", description = "Train against every non-ideality of the target: d2d variation, read noise, quantisation to N+1 levels, stuck cells, IR drop (sampled per batch).")
    boolean all;
    @Option(names = "--hw-d2d", paramLabel = "on|off|SIGMA", description = "Device-to-device lognormal sigma of R_on/R_off during training.")
    String d2d;
    @Option(names = "--hw-read-noise", paramLabel = "on|off|SIGMA", description = "Relative read-noise sigma during training.")
    String readNoise;
    @Option(names = "--hw-quantize", paramLabel = "on|off|N", description = "Round conductances to the N+1 MSS levels (straight-through on the rounding only).")
    String quantize;
    @Option(names = "--hw-stuck", paramLabel = "on|off|RATE", description = "Per-cell stuck-at rate during training (stuck devices get no gradient).")
    String stuck;
    @Option(names = "--hw-ir-drop", paramLabel = "on|off|OHM", description = "IR-drop attenuation from this wire resistance per cell pitch.")
    String irDrop;
    @Option(names = "--hw-packer", defaultValue = io.memtile.core.target.Packers.DEFAULT, description = "Placement the IR-drop attenuation is computed on: layers | pack | grid, as `compile --packer` (default: ${DEFAULT-VALUE}).")
    String packer;
    @Option(names = "--hw-seed", description = "Seed of the per-batch hardware draws (default: --seed).")
    Long seed;

    /** Null when no switch is given. */
    HwAwareConfig resolve(Target t, long defaultSeed) {
        io.memtile.core.target.Packers.check("--hw-packer", packer);
        HwAwareConfig c = HwAwareOptions.resolve(t, seed != null ? seed : defaultSeed, all, d2d, readNoise, quantize, stuck, irDrop);
        return c == null ? null : c.withPacker(packer);
    }
}
