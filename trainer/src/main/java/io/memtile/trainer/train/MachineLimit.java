package io.memtile.trainer.train;

import io.memtile.physics.mif.lanes.ExpLaneKernel;
import io.memtile.physics.mif.lanes.ExpLaneKernelF;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A roofline-style estimate of how many training samples per CPU-second this core could do for the
 * batch-lane BPTT of a network, from the work per sample and the core's vector throughput:
 * lanes (doubles per vector, from the AVX flags in /proc/cpuinfo, twice that for float32) x FMA units (2 on AVX-512 server
 * cores, 1 assumed below AVX-512) x clock ("cpu MHz"), plus the divisions at one vector division per
 * {@link #DIV_CYCLES} cycles (vdivpd zmm throughput on Intel server cores; divider and FMA ports
 * overlap in reality, so this is a lower bound on the time). Memory traffic (the tape: 64 B per
 * neuron-step, written and read back) is not modelled.
 *
 * @param lanes        elements per vector (doubles, or floats for float32)
 * @param fmaUnits     vector FMA pipes per core
 * @param clockGHz     core clock
 * @param opsPerSample vector-lane operations per training sample (forward + backward)
 * @param divsPerSample divisions per training sample
 * @param samplesPerCpuSecond the estimated limit
 */
public record MachineLimit(int lanes, int fmaUnits, double clockGHz, double opsPerSample, double divsPerSample,
                           double samplesPerCpuSecond) {
    /** Cycles per vector division (vdivpd: 16 for 512-bit, 8 for 256-bit on recent Intel cores). */
    public static final double DIV_CYCLES = 16;
    /** Cycles per float vector division (vdivps zmm: reciprocal throughput 10 on Skylake-SP class cores). */
    public static final double DIV_CYCLES_FLOAT = 10;

    /** The estimate for the exponential integrator's float64 lane kernel on this machine, or null when it does not apply. */
    public static MachineLimit estimate(Network net) { return estimate(net, Precision.FLOAT64); }

    /**
     * The estimate for the lane kernel of precision {@code p}: float32 doubles the lanes per vector
     * and has its own operation counts ({@link ExpLaneKernelF}); null when it does not apply.
     */
    public static MachineLimit estimate(Network net, Precision p) {
        if (!net.describe(p).startsWith("exponential")) return null;
        List<String> info;
        try {
            info = Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        double mhz = 0;
        String flags = "";
        for (String line : info) {
            if (mhz == 0 && line.startsWith("cpu MHz")) mhz = Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            if (flags.isEmpty() && line.startsWith("flags")) flags = " " + line.substring(line.indexOf(':') + 1).trim() + " ";
        }
        if (mhz <= 0 || flags.isEmpty()) return null;
        int doubles = flags.contains(" avx512f ") ? 8 : flags.contains(" avx2 ") ? 4 : 2;
        int fma = doubles == 8 ? 2 : 1;
        boolean f32 = p == Precision.FLOAT32;
        int lanes = f32 ? 2 * doubles : doubles;
        long neurons = 0;
        for (int l = 1; l <= net.depth; l++) neurons += net.layers[l];
        long macs = 0; // deeper layers' products: 1 FMA forward, 2 backward per weight and step
        for (int l = 1; l < net.depth; l++) macs += (long) net.layers[l] * net.layers[l + 1];
        int classes = net.classes();
        double kernelOps = f32
                ? ExpLaneKernelF.FORWARD_OPS + ExpLaneKernelF.FORWARD_EXPS * ExpLaneKernelF.EXP_OPS + ExpLaneKernelF.BACKWARD_OPS
                : ExpLaneKernel.FORWARD_OPS + ExpLaneKernel.FORWARD_EXPS * ExpLaneKernel.EXP_OPS + ExpLaneKernel.BACKWARD_OPS;
        double readoutOps = classes * ((f32 ? ExpLaneKernelF.EXP_OPS : ExpLaneKernel.EXP_OPS) + 6.0);
        double perStep = neurons * kernelOps + 3.0 * macs + 2.0 * net.layers[1] + readoutOps;
        double ops = perStep * net.steps + 2.0 * net.inputs() * net.layers[1];
        double divs = (neurons * (double) (f32 ? ExpLaneKernelF.FORWARD_DIVS : ExpLaneKernel.FORWARD_DIVS) + classes) * net.steps;
        double seconds = ops / (lanes * fma * mhz * 1e6) + divs / lanes * (f32 ? DIV_CYCLES_FLOAT : DIV_CYCLES) / (mhz * 1e6);
        return new MachineLimit(lanes, fma, mhz / 1000, ops, divs, 1 / seconds);
    }

    public String describe() {
        return String.format(Locale.ROOT, "%.1f M lane-ops + %.2f M divisions per sample; %d lanes x %d FMA units x %.2f GHz",
                opsPerSample / 1e6, divsPerSample / 1e6, lanes, fmaUnits, clockGHz);
    }
}
