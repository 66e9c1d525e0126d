package io.memtile.sim.calib;

import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.rng.Seeds;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Trim;
import io.memtile.sim.chip.ChipInstance;
import io.memtile.sim.chip.ChipNetwork;
import io.memtile.sim.chip.LayerOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Calibration after programming: drive test vectors through every output of this chip instance, fit the
 * measured response against the designed one (gain and offset per output) and set each neuron's gain trim
 * to the DAC code nearest the least-squares gain correction (the trim has no offset, so this is the fit
 * through the origin; the fitted offset is reported).
 *
 * <p>The designed response is the program's nominal chip: every cell at its target level's nominal
 * conductance, no faults, no variation, with the column gains of the program; with IR drop when the program
 * was compiled with the IR-drop pass (its targets were designed to match the weights through the IR drop),
 * with ideal wires otherwise (then calibration also takes out the IR drop's gain loss). The chip's response
 * is the instance as the simulator runs it at the calibration age (drift), read once per vector with the
 * target's read noise. Test vectors are uniform in [0, 1] per input (seeded), like rectified drives.
 *
 * <p>A bit-line reference (program {@code layers[l].bitline}) changes nothing here: the trim is a gain on the sensed
 * array current and is fitted on the array transfer, which the reference does not change; the per-neuron
 * compensation current is a separate DAC added after the trim ({@code LayerOperator.withOutputGains} keeps it), so a
 * trim never scales it.
 *
 * <p>Recalibrating at array age t is the drift compensation: with drift toward each cell's G_off the
 * transfer shrinks by e^{-t/tau} plus an offset-like term, and the gain trim restores it.
 */
public final class Calibration {
    private Calibration() {}

    /** The trimmed operators and what was measured. */
    public record Result(LayerOperator[] ops, CalibrationReport report) {}

    /**
     * @param ops   this chip's operators as the simulator built them (column gains folded in)
     * @param ni    the non-idealities in force (IR drop, read noise, drift)
     * @param ageS  calibration age of the array (s)
     */
    public static Result run(TileProgram p, LayerOperator[] ops, NonIdealities ni, double ageS, long seed, int threads) {
        Trim trim = p.target().trim();
        int vectors = trim == null ? 64 : trim.testVectors();
        boolean irDesigned = ni.wireResistance() && p.layers().stream().anyMatch(l -> l.irGain() != null);
        LayerOperator[] ref = ChipNetwork.build(nominal(p), irDesigned, false, false, threads);
        double d = ni.driftTau() > 0 ? Math.exp(-ageS / ni.driftTau()) : 1.0;
        LayerOperator[] out = new LayerOperator[ops.length];
        List<CalibrationReport.Layer> rep = new ArrayList<>();
        for (int l = 0; l < ops.length; l++) {
            LayerOperator op = ops[l];
            int nin = op.inputs(), nout = op.outputs();
            SplittableRandom r = Seeds.stream(seed, "calibration", l);
            double[][] x = new double[vectors][nin];
            for (double[] v : x) for (int i = 0; i < nin; i++) v[i] = r.nextDouble();
            double[] trims = new double[nout];
            double sg = 0, gMin = Double.MAX_VALUE, gMax = 0, offSq = 0, refSq = 0, errB = 0, errA = 0;
            int clipped = 0;
            double[] y = new double[vectors], yr = new double[vectors];
            for (int j = 0; j < nout; j++) {
                int base = j * nin;
                for (int v = 0; v < vectors; v++) {
                    double a = 0, b = 0, q = 0, rr = 0;
                    for (int i = 0; i < nin; i++) {
                        double xi = x[v][i];
                        a += op.w()[base + i] * xi;
                        if (op.wOff() != null) b += op.wOff()[base + i] * xi;
                        if (op.q() != null) q += op.q()[base + i] * xi * xi;
                        rr += ref[l].w()[base + i] * xi;
                    }
                    double yy = op.wOff() != null ? b + d * (a - b) : a;
                    if (ni.readNoiseSigma() > 0) yy += ni.readNoiseSigma() * Math.sqrt(q) * Seeds.gaussian(r);
                    y[v] = yy;
                    yr[v] = rr;
                }
                // gain and offset: least squares y = g * yr + c (measured and reported); the trim has no offset,
                // so the code is the one nearest the best pure gain correction, argmin_t |t y - yr|^2 = <y,yr>/<y,y>
                double mr = 0, my = 0, syr = 0, syy = 0;
                for (int v = 0; v < vectors; v++) { mr += yr[v]; my += y[v]; syr += y[v] * yr[v]; syy += y[v] * y[v]; }
                mr /= vectors;
                my /= vectors;
                double sxy = 0, sxx = 0;
                for (int v = 0; v < vectors; v++) { sxy += (yr[v] - mr) * (y[v] - my); sxx += (yr[v] - mr) * (yr[v] - mr); }
                double g = sxx > 0 ? sxy / sxx : 1.0;
                double c = my - g * mr;
                double t = 1.0;
                if (trim != null && syy > 0 && syr > 0) {
                    double want = syr / syy;
                    t = trim.gain(trim.code(want));
                    if (want < trim.minGain() || want > trim.maxGain()) clipped++;
                }
                trims[j] = t;
                sg += g;
                gMin = Math.min(gMin, g);
                gMax = Math.max(gMax, g);
                offSq += c * c;
                for (int v = 0; v < vectors; v++) {
                    refSq += yr[v] * yr[v];
                    errB += (y[v] - yr[v]) * (y[v] - yr[v]);
                    errA += (t * y[v] - yr[v]) * (t * y[v] - yr[v]);
                }
            }
            double refRms = Math.sqrt(refSq / ((double) vectors * nout));
            rep.add(new CalibrationReport.Layer(l, sg / nout, gMin, gMax, refRms > 0 ? Math.sqrt(offSq / nout) / refRms : 0,
                    refSq > 0 ? Math.sqrt(errB / refSq) : 0, refSq > 0 ? Math.sqrt(errA / refSq) : 0, clipped));
            out[l] = trim == null ? op : op.withOutputGains(trims);
        }
        return new Result(out, new CalibrationReport(seed, ageS, trim == null ? 0 : trim.bits(), vectors, List.copyOf(rep)));
    }

    /** The program's nominal chip: every cell at the nominal conductance of its target level (level 0 where none). */
    static ChipInstance nominal(TileProgram p) {
        int n = p.target().synapse().switches();
        double gOn = p.target().synapse().gOn(), gOff = p.target().synapse().gOff();
        List<TileImage> tiles = new ArrayList<>();
        for (TileImage t : p.tiles()) {
            double[] g = new double[t.conductance().length];
            for (int c = 0; c < g.length; c++) g[c] = gOff + (gOn - gOff) * Math.max(t.targetLevel()[c], 0) / (double) n;
            tiles.add(new TileImage(t.id(), t.rows(), t.cols(), t.blocks(), t.targetLevel(), g, new int[0]));
        }
        TileProgram nominal = new TileProgram(p.schemaVersion(), p.provenance(), p.network(), p.target(), p.layers(), List.copyOf(tiles),
                p.neurons(), p.stats());
        return ChipInstance.build(nominal, NonIdealities.ideal(), 0);
    }
}
