package io.memtile.sim.engine;

import io.memtile.core.rng.Seeds;
import io.memtile.sim.chip.LayerOperator;
import io.memtile.trainer.decision.RunningReadout;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lane twin of {@link SampleEngine}: up to {@link #lanes()} samples run side by side, their
 * neuron state laid out [neuron][lane] so that one step of a whole layer across the samples is one
 * call of the shared vectorised MIF kernel ({@link EngineSpec#laneKernel}, the trainer's), and the
 * layer products, energy and row bookkeeping loop over the lanes innermost (independent
 * per-sample chains instead of one latency-bound chain).
 *
 * <p>Every sample keeps exactly the arithmetic SampleEngine defines for it: the same operations in
 * the same order per sample (sums over inputs, neurons and rows in the same order), its own
 * seeded read-noise stream drawn in the same order, its own drift age, readout, monitor and
 * energy slots. So every per-sample result is bit-identical to SampleEngine's (LaneSampleEngineTest),
 * whatever the group or the lane a sample runs in. A trace is not supported here: the simulator runs
 * the traced sample through SampleEngine. Keep this class in step with SampleEngine when either changes.
 */
public final class LaneSampleEngine {
    private final EngineSpec s;
    private final int L;
    /** Neuron state [layer][j * L + b]. */
    private final double[][] v, x1, x2, vn, x1n, x2n, cur;
    /** shifted[l]: v[l-1] - V_ref in [neuron][lane] layout when layer l has a bit-line reference, else null (SampleEngine's). */
    private final double[][] shifted;
    /** drivenIn[l]: d(v[l-1]) in [neuron][lane] layout when the network has a word-line driver, else null (SampleEngine's). */
    private final double[][] drivenIn;
    /** Scratch: read-limit violations per lane of the current layer and step. */
    private final int[] overLane;
    /** Per lane: layer-0 products and row sums (SampleEngine's u0, uOff0, qn0, tileS0, tileSOff0). */
    private final double[][] u0, uOff0, qn0, tileS0, tileSOff0, tileStep;
    /** Per lane: Layer0Drive's bit-line reference loads (tileSV0, tileSVOff0, tileSV20, tileSV2Off0). */
    private final double[][] tileSV0, tileSVOff0, tileSV20, tileSV2Off0;
    private final double[] rowAbs0, rowSq0, dLane, m1, m2, cap, arr, absSum, sqSum;
    private final RunningReadout[] readout;
    private final int[][][] spikes;
    private final NormalSource[] normal;
    private final StepObserver[] observers;
    /** Per lane, the voltages gathered per layer for the observer and the readout. */
    private final double[][][] vLane;
    private final int[] firstSpike, lastChange, prevBest, eBase, tileArr, tileNeu, rBase;
    private final double[] t0;
    /** Per-step scratch in [neuron][lane] layout: layer sums and the per-neuron energy. */
    private final double[] accJ, accOffJ, varJ, totJ;
    /** u0, uOff0, qn0 in [neuron][lane] layout for the per-step layer-0 loop. */
    private final double[] u0L, uOff0L, qn0L;
    private final double gOff1, dG1, gOff2, dG2;
    /** Must be a static final constant (see VectorExpLaneKernel.SP). */
    private static final VectorSpecies<Double> SP = DoubleVector.SPECIES_PREFERRED;

    /** @param observers one per lane (e.g. a SampleMonitor each), or null for none */
    public LaneSampleEngine(EngineSpec spec, int lanes, StepObserver[] observers) {
        this.s = spec;
        this.L = lanes;
        int d = spec.depth;
        v = new double[d][];
        x1 = new double[d][];
        x2 = new double[d][];
        vn = new double[d][];
        x1n = new double[d][];
        x2n = new double[d][];
        cur = new double[d][];
        for (int l = 0; l < d; l++) {
            int n = spec.widths[l + 1] * L;
            v[l] = new double[n];
            x1[l] = new double[n];
            x2[l] = new double[n];
            vn[l] = new double[n];
            x1n[l] = new double[n];
            x2n[l] = new double[n];
            cur[l] = new double[n];
        }
        shifted = new double[d][];
        for (int l = 1; l < d; l++) if (spec.ops[l].bitlineRef()) shifted[l] = new double[spec.widths[l] * L];
        drivenIn = new double[d][];
        if (spec.driver != null) for (int l = 1; l < d; l++) drivenIn[l] = new double[spec.widths[l] * L];
        overLane = new int[L];
        int n1 = spec.widths[1];
        u0 = new double[L][n1];
        uOff0 = new double[L][n1];
        qn0 = new double[L][n1];
        tileS0 = new double[L][spec.tiles];
        tileSOff0 = new double[L][spec.tiles];
        tileStep = new double[L][spec.tiles];
        tileSV0 = new double[L][spec.tiles];
        tileSVOff0 = new double[L][spec.tiles];
        tileSV20 = new double[L][spec.tiles];
        tileSV2Off0 = new double[L][spec.tiles];
        rowAbs0 = new double[L];
        rowSq0 = new double[L];
        dLane = new double[L];
        m1 = new double[L];
        m2 = new double[L];
        cap = new double[L];
        arr = new double[L];
        absSum = new double[L];
        sqSum = new double[L];
        readout = new RunningReadout[L];
        spikes = new int[L][d][spec.steps];
        normal = new NormalSource[L];
        vLane = new double[L][d][];
        for (int b = 0; b < L; b++) {
            readout[b] = new RunningReadout(spec.readout, spec.lossVoltageUnit, spec.classes());
            normal[b] = new NormalSource();
            for (int l = 0; l < d; l++) vLane[b][l] = new double[spec.widths[l + 1]];
        }
        this.observers = new StepObserver[L];
        for (int b = 0; b < L; b++) this.observers[b] = observers == null ? StepObserver.NONE : observers[b];
        firstSpike = new int[L];
        lastChange = new int[L];
        prevBest = new int[L];
        eBase = new int[L];
        tileArr = new int[L];
        tileNeu = new int[L];
        rBase = new int[L];
        t0 = new double[L];
        if (L % SP.length() != 0) throw new IllegalArgumentException("lanes " + L + " not a multiple of the vector width " + SP.length());
        int wMax = spec.maxWidth();
        accJ = new double[wMax * L];
        accOffJ = new double[wMax * L];
        varJ = new double[wMax * L];
        totJ = new double[wMax * L];
        u0L = new double[n1 * L];
        uOff0L = new double[n1 * L];
        qn0L = new double[n1 * L];
        // MifKernel.conductance1/2's constants, from the same parameters
        gOff1 = spec.neuron.m1().gOff();
        dG1 = spec.neuron.m1().gOn() - spec.neuron.m1().gOff();
        gOff2 = spec.neuron.m2().gOff();
        dG2 = spec.neuron.m2().gOn() - spec.neuron.m2().gOff();
    }

    /** The lane group width for this JVM: 8, or one vector if wider. */
    public static int defaultLanes() { return Math.max(8, SP.length()); }

    public int lanes() { return L; }

    /**
     * Runs samples {@code index[0..count)} with inputs {@code p[0..count)} (count &lt;= lanes) and
     * writes each into its own slots of {@code out}; unused lanes run on a zero input and write nothing.
     */
    public void run(int[] index, double[][] p, int count, SimArrays out) {
        final EngineSpec s = this.s;
        final int depth = s.depth, steps = s.steps, classes = s.classes(), tiles = s.tiles, L = this.L;
        final double dt = s.dt, a0 = s.inputAmplitude, sigma = s.readNoiseSigma;
        final boolean noise = sigma > 0, drift = s.driftTau > 0;
        final double thr = s.spike.thresholdVolts();
        final double half = 0.5 * s.cMem, e1 = s.e1, e2 = s.e2;
        final double[] en = out.energy;

        // ---- per-sample layer-0 precomputation (alpha separability), as SampleEngine
        LayerOperator op0 = s.ops[0];
        int nin0 = op0.inputs(), n1 = op0.outputs();
        for (int b = 0; b < L; b++) {
            double[] pb = b < count ? p[b] : null;
            if (pb == null) {
                Arrays.fill(u0[b], 0);
                Arrays.fill(uOff0[b], 0);
                Arrays.fill(qn0[b], 0);
                Arrays.fill(tileS0[b], 0);
                Arrays.fill(tileSOff0[b], 0);
                Arrays.fill(tileSV0[b], 0);
                Arrays.fill(tileSVOff0[b], 0);
                Arrays.fill(tileSV20[b], 0);
                Arrays.fill(tileSV2Off0[b], 0);
                rowAbs0[b] = rowSq0[b] = 0;
                continue;
            }
            if (noise) normal[b].reseed(Seeds.stream(s.seed, "sim-read-noise", index[b]));
            for (int j = 0; j < n1; j++) {
                double a = 0, bb = 0, q = 0;
                int base = j * nin0;
                for (int i = 0; i < nin0; i++) a += op0.w()[base + i] * pb[i];
                if (drift) for (int i = 0; i < nin0; i++) bb += op0.wOff()[base + i] * pb[i];
                if (noise) for (int i = 0; i < nin0; i++) q += op0.q()[base + i] * pb[i] * pb[i];
                u0[b][j] = a;
                uOff0[b][j] = bb;
                qn0[b][j] = Math.sqrt(q);
            }
            Arrays.fill(tileS0[b], 0);
            Arrays.fill(tileSOff0[b], 0);
            Arrays.fill(tileSV0[b], 0);
            Arrays.fill(tileSVOff0[b], 0);
            Arrays.fill(tileSV20[b], 0);
            Arrays.fill(tileSV2Off0[b], 0);
            io.memtile.sim.chip.RowRefLoads rl0 = op0.refLoads();
            double rowAbs = 0, rowSq = 0;
            for (int k = 0; k < op0.rowInput().length; k++) {
                double pi = pb[op0.rowInput()[k]];
                tileS0[b][op0.rowTile()[k]] += op0.rowS()[k] * pi * pi;
                if (drift) tileSOff0[b][op0.rowTile()[k]] += op0.rowSOff()[k] * pi * pi;
                if (rl0 != null && pi != 0) { // Layer0Drive's sums run over driven rows only
                    int tk = op0.rowTile()[k];
                    tileSV0[b][tk] += rl0.sv()[k] * pi;
                    tileSV20[b][tk] += rl0.sv2()[k];
                    if (drift) {
                        tileSVOff0[b][tk] += rl0.svOff()[k] * pi;
                        tileSV2Off0[b][tk] += rl0.sv2Off()[k];
                    }
                }
                rowAbs += Math.abs(pi);
                rowSq += pi * pi;
            }
            rowAbs0[b] = rowAbs;
            rowSq0[b] = rowSq;
        }
        for (int b = 0; b < L; b++) {
            for (int j = 0; j < n1; j++) {
                u0L[j * L + b] = u0[b][j];
                uOff0L[j * L + b] = uOff0[b][j];
                qn0L[j * L + b] = qn0[b][j];
            }
        }
        for (int l = 0; l < depth; l++) {
            Arrays.fill(v[l], s.rest[0]);
            Arrays.fill(x1[l], s.rest[1]);
            Arrays.fill(x2[l], s.rest[2]);
        }
        for (int b = 0; b < count; b++) {
            readout[b].reset();
            eBase[b] = index[b] * out.energySlots;
            tileArr[b] = eBase[b] + SampleEngine.E_LAYERS + depth;
            tileNeu[b] = tileArr[b] + tiles;
            rBase[b] = index[b] * SimArrays.ROW_STATS * depth;
            firstSpike[b] = -1;
            lastChange[b] = 0;
            prevBest[b] = -1;
            t0[b] = s.driftAge + (double) index[b] * steps * dt;
            observers[b].begin(index[b], out);
        }

        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < count; b++) {
                dLane[b] = drift ? Math.exp(-(t0[b] + (t + 0.5) * dt) / s.driftTau) : 1.0;
                Arrays.fill(tileStep[b], 0);
            }
            // ---- layer 0: alpha-driven word lines
            double a = a0 * s.alpha[t];
            double g0 = op0.gain();
            double[] c0 = cur[0];
            double ga = g0 * a;
            if (drift) {
                for (int j = 0; j < n1; j++) {
                    for (int b = 0; b < L; b++) {
                        int k = j * L + b;
                        c0[k] = ga * (uOff0L[k] + dLane[b] * (u0L[k] - uOff0L[k]));
                    }
                }
            } else {
                for (int k = 0; k < n1 * L; k++) c0[k] = ga * u0L[k];
            }
            if (noise) {
                double sc = g0 * sigma * Math.abs(a);
                for (int b = 0; b < count; b++) {
                    NormalSource nb = normal[b];
                    for (int j = 0; j < n1; j++) c0[j * L + b] += sc * qn0L[j * L + b] * nb.next();
                }
            }
            double a2dt = a * a * dt;
            final boolean ref0 = op0.refLoads() != null;
            for (int b = 0; b < count; b++) {
                double arr0 = 0, d = dLane[b];
                for (int k = 0; k < tiles; k++) {
                    double e = a2dt * (drift ? tileSOff0[b][k] + d * (tileS0[b][k] - tileSOff0[b][k]) : tileS0[b][k]);
                    if (ref0) {
                        double sv = drift ? tileSVOff0[b][k] + d * (tileSV0[b][k] - tileSVOff0[b][k]) : tileSV0[b][k];
                        double sv2 = drift ? tileSV2Off0[b][k] + d * (tileSV20[b][k] - tileSV2Off0[b][k]) : tileSV20[b][k];
                        e += (sv2 - 2 * a * sv) * dt;
                    }
                    tileStep[b][k] += e;
                    en[tileArr[b] + k] += e;
                    arr0 += e;
                }
                en[eBase[b] + SampleEngine.E_ALPHA] += arr0;
                en[eBase[b] + SampleEngine.E_LAYERS] += arr0;
                out.rowStats[rBase[b]] += Math.abs(a) * rowAbs0[b];
                out.rowStats[rBase[b] + 1] += a * a * rowSq0[b];
            }
            neuronStep(0, en, count, half, e1, e2, dt);

            // ---- layers 1..: word lines driven by the upstream membrane voltages (after this step)
            for (int l = 1; l < depth; l++) {
                LayerOperator op = s.ops[l];
                double[] vin = v[l - 1];
                if (s.driver != null) {
                    // the word-line driver's output (SampleEngine's, the same clamp per element)
                    s.driver.apply(vin, drivenIn[l], drivenIn[l].length);
                    vin = drivenIn[l];
                }
                double[] vw = vin;
                if (op.bitlineRef()) {
                    // bit lines held at V_ref (SampleEngine's shift, the same subtraction per element)
                    double vr = op.vRef();
                    double[] sh = shifted[l];
                    for (int k = 0; k < sh.length; k++) sh[k] = vin[k] - vr;
                    vin = sh;
                }
                layerCurrents(l, vin, count, drift, noise, sigma);
                int[] rt = op.rowTile(), ri = op.rowInput();
                double[] rs = op.rowS(), rso = op.rowSOff();
                io.memtile.sim.chip.RowRefLoads rl = op.refLoads();
                Arrays.fill(arr, 0);
                Arrays.fill(absSum, 0);
                Arrays.fill(sqSum, 0);
                for (int k = 0; k < rt.length; k++) {
                    int base = ri[k] * L;
                    for (int b = 0; b < count; b++) {
                        double vv = vin[base + b];
                        double load = drift ? rso[k] + dLane[b] * (rs[k] - rso[k]) : rs[k];
                        double e;
                        if (rl == null) {
                            e = vv * vv * load * dt;
                        } else {
                            double x = vw[base + b], d = dLane[b];
                            double sv = drift ? rl.svOff()[k] + d * (rl.sv()[k] - rl.svOff()[k]) : rl.sv()[k];
                            double sv2 = drift ? rl.sv2Off()[k] + d * (rl.sv2()[k] - rl.sv2Off()[k]) : rl.sv2()[k];
                            e = (x * x * load - 2 * x * sv + sv2) * dt;
                        }
                        tileStep[b][rt[k]] += e;
                        en[tileArr[b] + rt[k]] += e;
                        arr[b] += e;
                        absSum[b] += Math.abs(vv);
                        sqSum[b] += vv * vv;
                    }
                }
                for (int b = 0; b < count; b++) {
                    en[eBase[b] + SampleEngine.E_CROSSBAR] += arr[b];
                    en[eBase[b] + SampleEngine.E_LAYERS + l] += arr[b];
                    out.rowStats[rBase[b] + SimArrays.ROW_STATS * l] += absSum[b];
                    out.rowStats[rBase[b] + SimArrays.ROW_STATS * l + 1] += sqSum[b];
                }
                // read-limit violations (SampleEngine's count, input by input), in the [input][lane] order of vin
                final double vMax = s.readVoltageMax;
                for (int i = 0, nin = op.inputs(); i < nin; i++) {
                    int base = i * L;
                    for (int b = 0; b < count; b++) if (Math.abs(vin[base + b]) > vMax) overLane[b]++;
                }
                for (int b = 0; b < count; b++) {
                    out.rowStats[rBase[b] + SimArrays.ROW_STATS * l + 2] += overLane[b];
                    overLane[b] = 0;
                }
                neuronStep(l, en, count, half, e1, e2, dt);
            }

            // ---- spikes, readout, observers: per lane, on its gathered voltages
            for (int b = 0; b < count; b++) {
                for (int l = 0; l < depth; l++) {
                    double[] src = v[l], dst = vLane[b][l];
                    int cnt = 0;
                    for (int j = 0; j < dst.length; j++) {
                        double x = src[j * L + b];
                        dst[j] = x;
                        if (x > thr) cnt++;
                    }
                    spikes[b][l][t] = cnt;
                }
                double[] vo = vLane[b][depth - 1];
                if (firstSpike[b] < 0) {
                    for (int k = 0; k < classes; k++) if (vo[k] > thr) { firstSpike[b] = t; break; }
                }
                readout[b].step(vo);
                int best = readout[b].leader();
                if (best != prevBest[b]) {
                    lastChange[b] = t;
                    prevBest[b] = best;
                }
                observers[b].step(t, vLane[b], en, eBase[b]);
            }
        }
        for (int b = 0; b < count; b++) observers[b].end();
        synchronized (out.spikeCounts) {
            for (int b = 0; b < count; b++) {
                for (int l = 0; l < depth; l++) {
                    long[] dst = out.spikeCounts[l];
                    int[] src = spikes[b][l];
                    for (int t = 0; t < steps; t++) dst[t] += src[t];
                }
            }
        }
        for (int b = 0; b < count; b++) {
            out.predicted[index[b]] = prevBest[b];
            out.firstSpikeStep[index[b]] = firstSpike[b];
            out.decisionStep[index[b]] = lastChange[b];
        }
    }

    /**
     * Layer l's input currents per lane from word-line cell voltages {@code vin} (v[l-1], or v[l-1] - V_ref with a
     * bit-line reference): SampleEngine's sums over the inputs i (in order of i, per
     * lane: acc + w v and var + (q v) v, the same IEEE operations as the scalar loop, so the same
     * bits), drift interpolation and aggregated read noise (one draw per neuron in order of j).
     * Vectors run across the lanes; four neurons at a time keep eight independent add chains in
     * flight (a single chain is latency-bound: the per-sample engine's main cost).
     */
    private void layerCurrents(int l, double[] vin, int count, boolean drift, boolean noise, double sigma) {
        final int L = this.L, VL = SP.length();
        LayerOperator op = s.ops[l];
        int nin = op.inputs(), nout = op.outputs();
        final boolean ref = op.bitlineRef();
        double[] w = op.w(), wo = op.wOff(), q = op.q(), cl = cur[l], comp = op.comp();
        double gain = op.gain();
        for (int lb = 0; lb < L; lb += VL) {
            int j = 0;
            for (; j + 3 < nout; j += 4) {
                sums4(w, j, nin, vin, lb, accJ);
                if (drift) sums4(wo, j, nin, vin, lb, accOffJ);
                if (noise) squares4(q, j, nin, vin, lb, varJ);
            }
            // the rest one neuron at a time; each sum in its own loop without branches (a vector
            // updated under a condition inside the loop is boxed by C2: measured, 3x slower than scalar)
            for (; j < nout; j++) {
                sums1(w, j, nin, vin, lb, accJ);
                if (drift) sums1(wo, j, nin, vin, lb, accOffJ);
                if (noise) squares1(q, j, nin, vin, lb, varJ);
            }
        }
        for (int jj = 0; jj < nout; jj++) {
            for (int b = 0; b < L; b++) {
                int k = jj * L + b;
                double acc = accJ[k];
                if (drift) acc = accOffJ[k] + dLane[b] * (acc - accOffJ[k]);
                double c = gain * acc;
                if (noise && b < count) c += gain * sigma * Math.sqrt(varJ[k]) * normal[b].next();
                if (ref) c += comp[jj];
                cl[k] = c;
            }
        }
    }

    /** out[(j+k) L + lb ..] = sum_i w[(j+k) nin + i] v_i for k &lt; 4, as acc + (v w) in order of i. */
    private void sums4(double[] w, int j, int nin, double[] vin, int lb, double[] out) {
        final int L = this.L;
        int b0 = j * nin, b1 = b0 + nin, b2 = b1 + nin, b3 = b2 + nin;
        DoubleVector a0 = DoubleVector.zero(SP), a1 = a0, a2 = a0, a3 = a0;
        for (int i = 0; i < nin; i++) {
            DoubleVector x = DoubleVector.fromArray(SP, vin, i * L + lb);
            a0 = a0.add(x.mul(w[b0 + i]));
            a1 = a1.add(x.mul(w[b1 + i]));
            a2 = a2.add(x.mul(w[b2 + i]));
            a3 = a3.add(x.mul(w[b3 + i]));
        }
        a0.intoArray(out, j * L + lb);
        a1.intoArray(out, (j + 1) * L + lb);
        a2.intoArray(out, (j + 2) * L + lb);
        a3.intoArray(out, (j + 3) * L + lb);
    }

    private void sums1(double[] w, int j, int nin, double[] vin, int lb, double[] out) {
        final int L = this.L;
        int b0 = j * nin;
        DoubleVector a0 = DoubleVector.zero(SP);
        for (int i = 0; i < nin; i++) a0 = a0.add(DoubleVector.fromArray(SP, vin, i * L + lb).mul(w[b0 + i]));
        a0.intoArray(out, j * L + lb);
    }

    private void squares1(double[] q, int j, int nin, double[] vin, int lb, double[] out) {
        final int L = this.L;
        int b0 = j * nin;
        DoubleVector a0 = DoubleVector.zero(SP);
        for (int i = 0; i < nin; i++) {
            DoubleVector x = DoubleVector.fromArray(SP, vin, i * L + lb);
            a0 = a0.add(x.mul(q[b0 + i]).mul(x));
        }
        a0.intoArray(out, j * L + lb);
    }

    /** The read-noise variance sums: out[(j+k) L + lb ..] = sum_i (v_i q) v_i, in order of i. */
    private void squares4(double[] q, int j, int nin, double[] vin, int lb, double[] out) {
        final int L = this.L;
        int b0 = j * nin, b1 = b0 + nin, b2 = b1 + nin, b3 = b2 + nin;
        DoubleVector a0 = DoubleVector.zero(SP), a1 = a0, a2 = a0, a3 = a0;
        for (int i = 0; i < nin; i++) {
            DoubleVector x = DoubleVector.fromArray(SP, vin, i * L + lb);
            a0 = a0.add(x.mul(q[b0 + i]).mul(x));
            a1 = a1.add(x.mul(q[b1 + i]).mul(x));
            a2 = a2.add(x.mul(q[b2 + i]).mul(x));
            a3 = a3.add(x.mul(q[b3 + i]).mul(x));
        }
        a0.intoArray(out, j * L + lb);
        a1.intoArray(out, (j + 1) * L + lb);
        a2.intoArray(out, (j + 2) * L + lb);
        a3.intoArray(out, (j + 3) * L + lb);
    }

    /** SampleEngine.neuronStep for all lanes: one kernel call over [neuron][lane], then per-lane energy. */
    private void neuronStep(int l, double[] en, int count, double half, double e1, double e2, double dt) {
        final EngineSpec s = this.s;
        final int L = this.L;
        double[] vp = v[l], ap = x1[l], bp = x2[l];
        s.laneKernel.forward(vp.length, vp, ap, bp, cur[l], vn[l], x1n[l], x2n[l]);
        double[] vq = vn[l];
        int[] home = s.homeTile[l];
        // SampleEngine's energy terms per lane, as vectors across the lanes (the same operations:
        // g = gOff + dG x, p = ((0.5 g) (d0^2 + d1^2)) dt, c = max-by-compare(half (v1^2 - v0^2), 0))
        final int VL = SP.length();
        int n = home.length;
        for (int lb = 0; lb < L; lb += VL) {
            DoubleVector am1 = DoubleVector.zero(SP), am2 = am1, acap = am1, zero = am1;
            for (int j = 0; j < n; j++) {
                int k = j * L + lb;
                DoubleVector v0 = DoubleVector.fromArray(SP, vp, k), v1 = DoubleVector.fromArray(SP, vq, k);
                DoubleVector g1 = DoubleVector.fromArray(SP, ap, k).mul(dG1).add(gOff1);
                DoubleVector g2 = DoubleVector.fromArray(SP, bp, k).mul(dG2).add(gOff2);
                DoubleVector d10 = v0.sub(e1), d11 = v1.sub(e1), d20 = v0.sub(e2), d21 = v1.sub(e2);
                DoubleVector p1 = g1.mul(0.5).mul(d10.mul(d10).add(d11.mul(d11))).mul(dt);
                DoubleVector p2 = g2.mul(0.5).mul(d20.mul(d20).add(d21.mul(d21))).mul(dt);
                DoubleVector dc = v1.mul(v1).sub(v0.mul(v0)).mul(half);
                DoubleVector c = zero.blend(dc, dc.compare(VectorOperators.GT, 0.0));
                am1 = am1.add(p1);
                am2 = am2.add(p2);
                acap = acap.add(c);
                p1.add(p2).add(c).intoArray(totJ, k);
            }
            am1.intoArray(m1, lb);
            am2.intoArray(m2, lb);
            acap.intoArray(cap, lb);
        }
        for (int j = 0; j < n; j++) {
            int hj = home[j];
            for (int b = 0; b < count; b++) {
                double e = totJ[j * L + b];
                en[tileNeu[b] + hj] += e;
                tileStep[b][hj] += e;
            }
        }
        for (int b = 0; b < count; b++) {
            en[eBase[b] + SampleEngine.E_M1] += m1[b];
            en[eBase[b] + SampleEngine.E_M2] += m2[b];
            en[eBase[b] + SampleEngine.E_CAP] += cap[b];
        }
        double[] tmp = v[l]; v[l] = vn[l]; vn[l] = tmp;
        tmp = x1[l]; x1[l] = x1n[l]; x1n[l] = tmp;
        tmp = x2[l]; x2[l] = x2n[l]; x2n[l] = tmp;
    }
}
