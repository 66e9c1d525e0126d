package io.memtile.sim.engine;

import io.memtile.core.rng.Seeds;
import io.memtile.sim.chip.LayerOperator;
import io.memtile.trainer.decision.RunningReadout;
import java.util.Arrays;

/**
 * One worker's cycle-level execution of samples: per time step every tile applies its word-line
 * voltages to its cells, the pair currents are summed into each neuron's membrane node, and every
 * MIF neuron advances one step. Allocation-free after construction; one instance per thread.
 *
 * <p>Equivalences used to keep the hot loop tight (each exact, see the tests):
 * <ul>
 *   <li><b>Alpha separability.</b> Layer-0 word line i carries A0 p_i alpha[t], so the neuron current
 *       sum_i W_ji A0 p_i alpha[t] = A0 alpha[t] (W p)_j: the 784-wide product is done once per sample,
 *       each step costs one multiply per neuron.</li>
 *   <li><b>Aggregated read noise.</b> Reading each cell as G(1 + sigma xi), xi ~ N(0,1) independent per
 *       cell and read, adds to the pair current sum_r sigma (G+_r xi+_r - G-_r xi-_r) V_r, which is exactly
 *       Gaussian with variance sigma^2 sum_r (G+_r^2 + G-_r^2) V_r^2: one normal per neuron and step
 *       instead of one per cell (and for layer 0 that sum is again alpha[t]^2 A0^2 sum_r q_r p_r^2).</li>
 *   <li><b>Drift.</b> Each cell relaxes toward its own G_off: G(t) = G_off + (G0 - G_off) e^{-t/tau}, linear
 *       in d = e^{-t/tau}, so W(t) = W_off + d (W0 - W_off) exactly; t is the array's age (drift age +
 *       sample index * inference time + time in the sample). With IR drop on, W0 and W_off are each exact
 *       network transfers and the interpolation between them is first order in the drift.</li>
 * </ul>
 * Energy per step: array Joule heat sum_rows V_r^2 S_r dt (S_r = the row's cell conductance on sensed
 * bit lines, which sit at virtual ground); M1/M2 heat G_i(x_i) (V - E_i)^2 dt with the trapezoid of the
 * pre- and post-step voltage; membrane charging: positive increments of C V^2 / 2.
 *
 * <p>Bit-line reference (program {@code layers[l].bitline}, {@link LayerOperator#vRef}): the cells of a
 * membrane-driven layer see V_r - V_ref, which replaces V_r in the layer product, the read-noise variance and the
 * row statistics, and each neuron gets its compensation current after the gains. The heat of a row is then
 * sum_c (V_r - Vb_c)^2 G_c over its sensed columns, each at its own bit-line voltage
 * ({@link io.memtile.sim.chip.RowRefLoads}), so alpha rows crossing a referenced layer's columns on a shared tile
 * and membrane rows crossing 0 V columns are booked as they are. Without any reference the original arithmetic
 * runs unchanged (separate branches), so default results keep their bits.
 */
public final class SampleEngine {
    /** Energy layout per sample: ALPHA, CROSSBAR, M1, M2, CAP, then arrays per layer, then per-tile array, per-tile neuron. */
    public static final int E_ALPHA = 0, E_CROSSBAR = 1, E_M1 = 2, E_M2 = 3, E_CAP = 4, E_LAYERS = 5;

    private final EngineSpec s;
    private final double[][] v, x1, x2, vn, x1n, x2n, cur;
    /** shifted[l]: layer l's word-line cell voltages v[l-1] - V_ref when layer l has a bit-line reference, else null. */
    private final double[][] shifted;
    /** drivenIn[l]: layer l's word-line voltages d(v[l-1]) when the network has a word-line driver, else null. */
    private final double[][] drivenIn;
    private final double[] tileStep;
    /** Layer 0's per-sample (static) or per-bin (events) word-line drive. */
    private final Layer0Drive drive0;
    /** The readout's running scores: the same class as the trainer's and eval's (one implementation). */
    private final RunningReadout readout;
    /** This sample's spike counts [layer][step]; added to the shared SimArrays under its lock at the end of the sample. */
    private final int[][] spikes;
    private final NormalSource normal = new NormalSource();
    private final StepObserver observer;

    public SampleEngine(EngineSpec spec) { this(spec, StepObserver.NONE); }

    public SampleEngine(EngineSpec spec, StepObserver observer) {
        this.s = spec;
        this.observer = observer;
        int d = spec.depth;
        v = new double[d][];
        x1 = new double[d][];
        x2 = new double[d][];
        vn = new double[d][];
        x1n = new double[d][];
        x2n = new double[d][];
        cur = new double[d][];
        for (int l = 0; l < d; l++) {
            int n = spec.widths[l + 1];
            v[l] = new double[n];
            x1[l] = new double[n];
            x2[l] = new double[n];
            vn[l] = new double[n];
            x1n[l] = new double[n];
            x2n[l] = new double[n];
            cur[l] = new double[n];
        }
        shifted = new double[d][];
        for (int l = 1; l < d; l++) if (spec.ops[l].bitlineRef()) shifted[l] = new double[spec.widths[l]];
        drivenIn = new double[d][];
        if (spec.driver != null) for (int l = 1; l < d; l++) drivenIn[l] = new double[spec.widths[l]];
        int n1 = spec.widths[1];
        drive0 = new Layer0Drive(n1, spec.ops[0].inputs(), spec.tiles, spec.steps);
        tileStep = new double[spec.tiles];
        readout = new RunningReadout(spec.readout, spec.lossVoltageUnit, spec.classes());
        spikes = new int[d][spec.steps];
    }

    /** Size of one sample's energy record. */
    public static int energySlots(EngineSpec s) { return E_LAYERS + s.depth + 2 * s.tiles; }

    /**
     * Runs sample {@code index} with input {@code p}; writes into {@code out} at this sample's slots.
     * {@code trace} may be null.
     */
    public void run(int index, double[] p, SimArrays out, Trace trace) {
        drive0.prepareStatic(s.ops[0], p, s.driftTau > 0, s.readNoiseSigma > 0);
        runPrepared(index, out, trace);
    }

    /** Runs binned event sample {@code sample} of {@code frames} as sample {@code index}: frame k drives layer 0 during bin k. */
    public void run(int index, io.memtile.datasets.events.SparseFrames frames, int sample, SimArrays out, Trace trace) {
        drive0.prepareFrames(s.ops[0], frames, sample, s.driftTau > 0, s.readNoiseSigma > 0);
        runPrepared(index, out, trace);
    }

    private void runPrepared(int index, SimArrays out, Trace trace) {
        final EngineSpec s = this.s;
        final int depth = s.depth, steps = s.steps, classes = s.classes(), tiles = s.tiles;
        final double dt = s.dt, a0 = s.inputAmplitude, sigma = s.readNoiseSigma;
        final boolean noise = sigma > 0, drift = s.driftTau > 0;
        final double thr = s.spike.thresholdVolts();
        final double vMax = s.readVoltageMax;
        final double half = 0.5 * s.cMem, e1 = s.e1, e2 = s.e2;
        if (noise) normal.reseed(Seeds.stream(s.seed, "sim-read-noise", index));

        // ---- layer-0 precomputation (alpha separability), done by drive0 per sample or per bin
        LayerOperator op0 = s.ops[0];
        int n1 = op0.outputs();
        for (int l = 0; l < depth; l++) {
            Arrays.fill(v[l], s.rest[0]);
            Arrays.fill(x1[l], s.rest[1]);
            Arrays.fill(x2[l], s.rest[2]);
        }
        readout.reset();
        final int eBase = index * out.energySlots;
        final double[] en = out.energy;
        final int tileArr = eBase + E_LAYERS + depth, tileNeu = tileArr + tiles;
        final int rBase = index * SimArrays.ROW_STATS * depth;
        int firstSpike = -1, lastChange = 0, prevBest = -1;
        final double t0 = s.driftAge + (double) index * steps * dt;
        observer.begin(index, out);

        for (int t = 0; t < steps; t++) {
            double d = drift ? Math.exp(-(t0 + (t + 0.5) * dt) / s.driftTau) : 1.0;
            Arrays.fill(tileStep, 0);
            // ---- layer 0: alpha-driven word lines
            int bin = drive0.bin(t);
            double[] u0 = drive0.u0[bin], uOff0 = drive0.uOff0[bin], qn0 = drive0.qn0[bin];
            double[] tileS0 = drive0.tileS0[bin], tileSOff0 = drive0.tileSOff0[bin];
            double rowAbs0 = drive0.rowAbs0[bin], rowSq0 = drive0.rowSq0[bin];
            double a = a0 * s.alpha[t];
            double g0 = op0.gain();
            double[] c0 = cur[0];
            if (drift) {
                for (int j = 0; j < n1; j++) c0[j] = g0 * a * (uOff0[j] + d * (u0[j] - uOff0[j]));
            } else {
                for (int j = 0; j < n1; j++) c0[j] = g0 * a * u0[j];
            }
            if (noise) {
                double sc = g0 * sigma * Math.abs(a);
                for (int j = 0; j < n1; j++) c0[j] += sc * qn0[j] * normal.next();
            }
            double a2dt = a * a * dt, arr0 = 0;
            final boolean ref0 = op0.refLoads() != null;
            double[] tsv = drive0.tileSV0[bin], tsvo = drive0.tileSVOff0[bin], tsv2 = drive0.tileSV20[bin], tsv2o = drive0.tileSV2Off0[bin];
            for (int k = 0; k < tiles; k++) {
                double e = a2dt * (drift ? tileSOff0[k] + d * (tileS0[k] - tileSOff0[k]) : tileS0[k]);
                if (ref0) {
                    // the alpha rows also cross columns held at a bit-line reference: sum (a x - Vb)^2 G = a^2 x^2 S - 2 a x SV + SV2
                    double sv = drift ? tsvo[k] + d * (tsv[k] - tsvo[k]) : tsv[k];
                    double sv2 = drift ? tsv2o[k] + d * (tsv2[k] - tsv2o[k]) : tsv2[k];
                    e += (sv2 - 2 * a * sv) * dt;
                }
                tileStep[k] += e;
                en[tileArr + k] += e;
                arr0 += e;
            }
            en[eBase + E_ALPHA] += arr0;
            en[eBase + E_LAYERS] += arr0;
            out.rowStats[rBase] += Math.abs(a) * rowAbs0;
            out.rowStats[rBase + 1] += a * a * rowSq0;
            neuronStep(0, en, eBase, tileNeu, half, e1, e2, dt);

            // ---- layers 1..: word lines driven by the upstream membrane voltages (after this step)
            for (int l = 1; l < depth; l++) {
                LayerOperator op = s.ops[l];
                double[] vin = v[l - 1];
                int nin = op.inputs(), nout = op.outputs();
                if (s.driver != null) {
                    // the word-line driver's output, not the membrane, is what every cell of this layer sees
                    s.driver.apply(vin, drivenIn[l], nin);
                    vin = drivenIn[l];
                }
                double[] vw = vin;
                final boolean ref = op.bitlineRef();
                if (ref) {
                    // bit lines held at V_ref: every cell of this layer sees V_i - V_ref (a separate branch keeps
                    // the default arithmetic untouched)
                    double vr = op.vRef();
                    double[] sh = shifted[l];
                    for (int i = 0; i < nin; i++) sh[i] = vin[i] - vr;
                    vin = sh;
                }
                double[] w = op.w(), wo = op.wOff(), q = op.q(), cl = cur[l], comp = op.comp();
                double gain = op.gain();
                for (int j = 0; j < nout; j++) {
                    int base = j * nin;
                    double acc = 0;
                    for (int i = 0; i < nin; i++) acc += w[base + i] * vin[i];
                    if (drift) {
                        double accOff = 0;
                        for (int i = 0; i < nin; i++) accOff += wo[base + i] * vin[i];
                        acc = accOff + d * (acc - accOff);
                    }
                    double c = gain * acc;
                    if (noise) {
                        double var = 0;
                        for (int i = 0; i < nin; i++) var += q[base + i] * vin[i] * vin[i];
                        c += gain * sigma * Math.sqrt(var) * normal.next();
                    }
                    if (ref) c += comp[j]; // the compensation DAC: V_ref * gain * sum_i w_ji (nominal)
                    cl[j] = c;
                }
                int[] rt = op.rowTile(), ri = op.rowInput();
                double[] rs = op.rowS(), rso = op.rowSOff();
                io.memtile.sim.chip.RowRefLoads rl = op.refLoads();
                double arr = 0, absSum = 0, sqSum = 0;
                for (int k = 0; k < rt.length; k++) {
                    double vv = vin[ri[k]];
                    double load = drift ? rso[k] + d * (rs[k] - rso[k]) : rs[k];
                    double e;
                    if (rl == null) {
                        e = vv * vv * load * dt;
                    } else {
                        // columns at their bit-line voltages (this layer's V_ref, other layers' on a shared tile):
                        // sum_c (V - Vb_c)^2 G_c = V^2 S - 2 V SV + SV2, with V the word-line voltage
                        double x = vw[ri[k]];
                        double sv = drift ? rl.svOff()[k] + d * (rl.sv()[k] - rl.svOff()[k]) : rl.sv()[k];
                        double sv2 = drift ? rl.sv2Off()[k] + d * (rl.sv2()[k] - rl.sv2Off()[k]) : rl.sv2()[k];
                        e = (x * x * load - 2 * x * sv + sv2) * dt;
                    }
                    tileStep[rt[k]] += e;
                    en[tileArr + rt[k]] += e;
                    arr += e;
                    absSum += Math.abs(vv);
                    sqSum += vv * vv;
                }
                en[eBase + E_CROSSBAR] += arr;
                en[eBase + E_LAYERS + l] += arr;
                out.rowStats[rBase + SimArrays.ROW_STATS * l] += absSum;
                out.rowStats[rBase + SimArrays.ROW_STATS * l + 1] += sqSum;
                // read-limit violations: inputs whose cell voltage (word line minus bit line) exceeds readVoltageMax this step
                int over = 0;
                for (int i = 0; i < nin; i++) if (Math.abs(vin[i]) > vMax) over++;
                out.rowStats[rBase + SimArrays.ROW_STATS * l + 2] += over;
                neuronStep(l, en, eBase, tileNeu, half, e1, e2, dt);
            }

            // ---- per-tile bookkeeping, spikes, readout
            for (int l = 0; l < depth; l++) {
                double[] vl = v[l];
                int cnt = 0;
                for (int j = 0; j < vl.length; j++) if (vl[j] > thr) cnt++;
                spikes[l][t] = cnt;
                if (trace != null) trace.spikes(l, t, vl, thr);
            }
            double[] vo = v[depth - 1];
            if (firstSpike < 0) {
                for (int k = 0; k < classes; k++) if (vo[k] > thr) { firstSpike = t; break; }
            }
            readout.step(vo);
            int best = readout.leader();
            if (best != prevBest) {
                lastChange = t;
                prevBest = best;
            }
            if (trace != null) trace.step(t, v, tileStep, dt);
            observer.step(t, v, en, eBase);
        }
        observer.end();
        // SimArrays.spikeCounts is shared by all workers: an unsynchronised += would lose counts
        // (and make the activity depend on thread scheduling). Integer sums are exact in any order.
        synchronized (out.spikeCounts) {
            for (int l = 0; l < depth; l++) {
                long[] dst = out.spikeCounts[l];
                int[] src = spikes[l];
                for (int t = 0; t < steps; t++) dst[t] += src[t];
            }
        }
        out.predicted[index] = prevBest;
        out.firstSpikeStep[index] = firstSpike;
        out.decisionStep[index] = lastChange;
    }

    /**
     * Advances neuron layer l+1 by one step from cur[l] and books its M1, M2 and charging energy,
     * in total and on each neuron's home tile.
     */
    private void neuronStep(int l, double[] en, int eBase, int tileNeu, double half, double e1, double e2, double dt) {
        final EngineSpec s = this.s;
        double[] vp = v[l], ap = x1[l], bp = x2[l];
        s.laneKernel.forward(vp.length, vp, ap, bp, cur[l], vn[l], x1n[l], x2n[l]);
        double[] vq = vn[l];
        int[] home = s.homeTile[l];
        double m1 = 0, m2 = 0, cap = 0;
        for (int j = 0; j < vp.length; j++) {
            double v0 = vp[j], v1 = vq[j];
            double g1 = s.kernel.conductance1(ap[j]), g2 = s.kernel.conductance2(bp[j]);
            double d10 = v0 - e1, d11 = v1 - e1, d20 = v0 - e2, d21 = v1 - e2;
            double p1 = 0.5 * g1 * (d10 * d10 + d11 * d11) * dt;
            double p2 = 0.5 * g2 * (d20 * d20 + d21 * d21) * dt;
            double dc = half * (v1 * v1 - v0 * v0);
            double c = dc > 0 ? dc : 0;
            m1 += p1;
            m2 += p2;
            cap += c;
            en[tileNeu + home[j]] += p1 + p2 + c;
            tileStep[home[j]] += p1 + p2 + c;
        }
        en[eBase + E_M1] += m1;
        en[eBase + E_M2] += m2;
        en[eBase + E_CAP] += cap;
        // swap state buffers: the post-step state becomes current
        double[] tmp = v[l]; v[l] = vn[l]; vn[l] = tmp;
        tmp = x1[l]; x1[l] = x1n[l]; x1n[l] = tmp;
        tmp = x2[l]; x2[l] = x2n[l]; x2n[l] = tmp;
    }
}
