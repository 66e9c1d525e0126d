package io.memtile.sim.engine;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.datasets.Dataset;
import io.memtile.sim.TestProgramsAccess;
import io.memtile.sim.chip.ChipInstance;
import io.memtile.sim.chip.ChipNetwork;
import io.memtile.sim.chip.LayerOperator;
import io.memtile.trainer.model.ModelArtifact;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bit-line reference in the engines: on the ideal chip the compensation is exact (same currents to
 * rounding, same predictions), the array heat of the membrane-driven layer is sum (V - V_ref)^2 S dt, and the
 * lane engine stays bit-identical to the per-sample engine with the reference on and every non-ideality.
 */
class BitlineRefEngineTest {
    static final ModelArtifact M = TestProgramsAccess.model(TestProgramsAccess.smallTiles(), new int[] {48, 20, 10}, 300, 21);
    /** Quantised, exact programming, no faults, no range or IR passes: the ideal chip reads the nominal levels. */
    static final CompileOptions EXACT = new CompileOptions(7, "pack", 0, true, false, false, true, 1, 0, "off", false, false, false);

    /** Small enough that both layers share one 32x32 tile (24 + 8 rows, 16 + 8 columns). */
    static final ModelArtifact SHARED = TestProgramsAccess.model(TestProgramsAccess.smallTiles(), new int[] {24, 8, 4}, 300, 21);

    static TileProgram compile(CompileOptions o) { return compile(M, o); }

    static TileProgram compile(ModelArtifact m, CompileOptions o) { return Compiler.compile(m, m.target(), o).program(); }

    static EngineSpec idealSpec(TileProgram p) {
        NonIdealities ni = NonIdealities.ideal();
        return new EngineSpec(p, ChipNetwork.build(ChipInstance.build(p, ni, 3), false, false, false, 1), ni, 0, 3);
    }

    /** Records every step's layer-0 membrane voltages (the word lines of layer 1) and all voltages of the last layer. */
    static final class Recorder implements StepObserver {
        final double[][] v0, vOut;

        Recorder(int steps, int n0, int nOut) { v0 = new double[steps][n0]; vOut = new double[steps][nOut]; }

        @Override public void begin(int index, SimArrays out) {}

        @Override public void step(int t, double[][] v, double[] energy, int eBase) {
            System.arraycopy(v[0], 0, v0[t], 0, v0[t].length);
            System.arraycopy(v[v.length - 1], 0, vOut[t], 0, vOut[t].length);
        }

        @Override public void end() {}
    }

    @Test
    void idealChipCompensationIsExact() {
        TileProgram off = compile(EXACT);
        double vr = 0.06;
        TileProgram on = compile(EXACT.withBitlineRef(new double[] {vr}));
        EngineSpec so = idealSpec(off), sn = idealSpec(on);
        LayerOperator a = so.ops[1], b = sn.ops[1];
        assertFalse(a.bitlineRef());
        assertTrue(b.bitlineRef());
        assertEquals(vr, b.vRef());
        assertTrue(java.util.Arrays.stream(b.comp()).anyMatch(c -> Math.abs(c) > 1e-3 * Math.abs(b.gain() * vr * b.meanCellG())), "compensation not vacuous");
        // the currents: gain sum_i w (x_i - V_ref) + b_j against gain sum_i w x_i, over random word-line voltages
        SplittableRandom r = new SplittableRandom(5);
        double worst = 0;
        for (int k = 0; k < 50; k++) {
            double[] x = new double[a.inputs()];
            for (int i = 0; i < x.length; i++) x[i] = 0.2 * r.nextDouble() - 0.05;
            for (int j = 0; j < a.outputs(); j++) {
                double s0 = 0, s1 = 0, scale = 0;
                for (int i = 0; i < x.length; i++) {
                    s0 += a.w()[j * a.inputs() + i] * x[i];
                    s1 += b.w()[j * b.inputs() + i] * (x[i] - vr);
                    scale += Math.abs(a.w()[j * a.inputs() + i] * x[i]) + Math.abs(a.w()[j * a.inputs() + i] * vr);
                }
                double c0 = a.gain() * s0, c1 = b.gain() * s1 + b.comp()[j];
                worst = Math.max(worst, Math.abs(c1 - c0) / (a.gain() * scale));
            }
        }
        assertTrue(worst < 1e-12, "relative current error " + worst);

        // whole samples: same predictions, the same membrane trajectories to rounding
        int n = 6;
        Dataset data = TestProgramsAccess.dataset(M, n, 22);
        SimArrays ro = new SimArrays(so, n), rn = new SimArrays(sn, n);
        Recorder reco = new Recorder(so.steps, so.widths[1], so.classes()), recn = new Recorder(sn.steps, sn.widths[1], sn.classes());
        SampleEngine eo = new SampleEngine(so, reco), enn = new SampleEngine(sn, recn);
        double[] x = new double[data.dim()];
        double dv = 0, vmax = 0;
        for (int i = 0; i < n; i++) {
            data.sample(i, x);
            eo.run(i, x, ro, null);
            enn.run(i, x, rn, null);
            for (int t = 0; t < so.steps; t++) {
                for (int k = 0; k < so.classes(); k++) {
                    dv = Math.max(dv, Math.abs(reco.vOut[t][k] - recn.vOut[t][k]));
                    vmax = Math.max(vmax, Math.abs(reco.vOut[t][k]));
                }
            }
        }
        assertArrayEquals(ro.predicted, rn.predicted);
        assertTrue(vmax > 0.01, "the output layer moved: " + vmax);
        assertTrue(dv <= 1e-12 * vmax, "output membranes differ by " + dv + " V");
    }

    /**
     * Array heat of one sample computed cell by cell from the chip's conductances: every driven word line r (layer 0:
     * A0 alpha[t] x_r, x_r != 0; layer 1: the recorded membrane voltage) against every sensed column c at its bit-line
     * voltage (the reference of the layer whose block uses it, else 0 V): sum_t sum_r sum_c (V_r - Vb_c)^2 G_rc dt.
     * Returns {layer-0 rows, layer-1 rows}.
     */
    static double[] cellByCellHeat(TileProgram p, EngineSpec spec, double[] x, double[][] v0) {
        ChipInstance chip = ChipInstance.build(p, NonIdealities.ideal(), 3);
        double[] heat = new double[2];
        for (int t = 0; t < p.tiles().size(); t++) {
            var tile = p.tiles().get(t);
            int cols = tile.cols();
            double[] vb = new double[cols];
            boolean[] sensed = new boolean[cols];
            for (var b : tile.blocks()) {
                double vr = p.layers().get(b.layer()).bitline() == null ? 0 : p.layers().get(b.layer()).bitline().vRef();
                for (int c : b.plusCols()) { sensed[c] = true; vb[c] = vr; }
                for (int c : b.minusCols()) { sensed[c] = true; vb[c] = vr; }
            }
            double[] g = chip.conductance(t);
            for (var b : tile.blocks()) {
                for (int kk = 0; kk < b.inCount(); kk++) {
                    int r = b.rows()[kk], in = b.inStart() + kk;
                    for (int step = 0; step < spec.steps; step++) {
                        double vw;
                        if (b.layer() == 0) {
                            if (x[in] == 0) continue; // an undriven word line
                            vw = spec.inputAmplitude * spec.alpha[step] * x[in];
                        } else {
                            vw = v0[step][in];
                        }
                        double e = 0;
                        for (int c = 0; c < cols; c++) if (sensed[c]) e += (vw - vb[c]) * (vw - vb[c]) * g[r * cols + c];
                        heat[b.layer()] += e * spec.dt;
                    }
                }
            }
        }
        return heat;
    }

    static boolean h0Shared(TileProgram p) {
        return p.tiles().stream().anyMatch(t -> t.blocks().stream().anyMatch(b -> b.layer() == 0) && t.blocks().stream().anyMatch(b -> b.layer() == 1));
    }

    @Test
    void rowEnergyIsTheSquaredCellVoltageAndFallsNearTheMeanMembraneVoltage() {
        TileProgram off = compile(SHARED, EXACT);
        EngineSpec so = idealSpec(off);
        Dataset data = TestProgramsAccess.dataset(SHARED, 1, 23);
        double[] x = new double[data.dim()];
        data.sample(0, x);
        Recorder rec = new Recorder(so.steps, so.widths[1], so.classes());
        SimArrays ro = new SimArrays(so, 1);
        new SampleEngine(so, rec).run(0, x, ro, null);
        // the mean hidden membrane voltage over the rows that drive layer 1: the constructed reference
        LayerOperator op = so.ops[1];
        double mean = 0;
        for (double[] v : rec.v0) for (int k = 0; k < op.rowInput().length; k++) mean += v[op.rowInput()[k]];
        mean /= (double) so.steps * op.rowInput().length;
        assertTrue(mean > 0.005, "membranes rise: " + mean);

        TileProgram on = compile(SHARED, EXACT.withBitlineRef(new double[] {mean}));
        EngineSpec sn = idealSpec(on);
        assertNotNull(sn.ops[1].refLoads());
        // a tile shared by both layers: the alpha rows cross the referenced columns, the membrane rows the 0 V ones
        assertNotNull(sn.ops[0].refLoads(), "the test needs a tile holding blocks of both layers");
        assertTrue(h0Shared(on));
        SimArrays rn = new SimArrays(sn, 1);
        Recorder recn = new Recorder(sn.steps, sn.widths[1], sn.classes());
        new SampleEngine(sn, recn).run(0, x, rn, null);
        double[] h0 = cellByCellHeat(off, so, x, rec.v0), h1 = cellByCellHeat(on, sn, x, recn.v0);
        int l0 = SampleEngine.E_LAYERS, l1 = SampleEngine.E_LAYERS + 1;
        assertEquals(h0[0], ro.energy[l0], 1e-12 * h0[0]);
        assertEquals(h0[1], ro.energy[l1], 1e-12 * h0[1]);
        assertEquals(h1[0], rn.energy[l0], 1e-9 * h1[0]);
        assertEquals(h1[1], rn.energy[l1], 1e-9 * h1[1]);
        assertTrue(rn.energy[l1] < 0.8 * ro.energy[l1], "membrane-driven heat falls: " + rn.energy[l1] + " vs " + ro.energy[l1]);
        // the row statistics are this layer's cell voltages: sum |V - V_ref|
        double abs1 = 0;
        for (double[] v : recn.v0) for (int k = 0; k < op.rowInput().length; k++) abs1 += Math.abs(v[op.rowInput()[k]] - mean);
        assertEquals(abs1, rn.rowStats[SimArrays.ROW_STATS] /* sample 0, layer 1, sum |V| */, 1e-12 * abs1);
    }

    @Test
    void laneEngineIsBitIdenticalWithTheReferenceOn() {
        lanesMatch(M);
        // both layers on one tile: the alpha rows' loads into the referenced columns too
        assertNotNull(lanesMatch(SHARED).ops[0].refLoads());
    }

    static EngineSpec lanesMatch(ModelArtifact m) {
        // every compiler pass on (range, IR-drop targets, stochastic programming, faults) and every non-ideality in the simulator
        TileProgram prog = compile(m, new CompileOptions(7, "pack", 0, true, true, true, true, 1, 0).withBitlineRef(new double[] {0.04}));
        assertNotNull(prog.layers().get(1).bitline());
        int n = 11;
        Dataset data = TestProgramsAccess.dataset(m, n, 22);
        NonIdealities all = new NonIdealities(0.05, 0.02, 0.01, 0.5, 0.05, true, 0);
        EngineSpec spec = new EngineSpec(prog, ChipNetwork.build(ChipInstance.build(prog, all, 3), true, true, true, 1), all, 0.01, 3);
        assertTrue(spec.ops[1].bitlineRef());
        SimArrays ref = LaneSampleEngineTest.assertLanesMatchOneSample(spec, data, n);
        double[] x = new double[data.dim()];

        // not vacuous: the same chip without the reference gives different layer-1 heat
        TileProgram plain = compile(m, new CompileOptions(7, "pack", 0, true, true, true, true, 1, 0));
        EngineSpec sp = new EngineSpec(plain, ChipNetwork.build(ChipInstance.build(plain, all, 3), true, true, true, 1), all, 0.01, 3);
        SimArrays base = new SimArrays(sp, 1);
        data.sample(0, x);
        new SampleEngine(sp).run(0, x, base, null);
        assertNotEquals(base.energy[SampleEngine.E_LAYERS + 1], ref.energy[SampleEngine.E_LAYERS + 1]);
        return spec;
    }
}
