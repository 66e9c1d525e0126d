package io.memtile.sim.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.core.target.TileParams;
import io.memtile.sim.chip.ChipInstance;
import io.memtile.sim.chip.ChipNetwork;
import io.memtile.sim.chip.LayerOperator;
import io.memtile.trainer.hwaware.HwAwareConfig;
import io.memtile.trainer.hwaware.HwTransform;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfigs;
import io.memtile.trainer.model.TrainingRecord;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChipModelTest {
    /** 40-24-6 on 32x32 tiles with a high fresh-stuck rate so that every tile has some. */
    static TileProgram program(double stuckRate) { return compiled(stuckRate).program(); }

    static io.memtile.compiler.CompileResult compiled(double stuckRate) {
        Target t = Targets.paper();
        TileParams tp = t.tile();
        t = t.withTile(new TileParams(32, 32, tp.cellType(), tp.technologyNm(), tp.areaMm2(), tp.wireResistanceOhm(), tp.readVoltageMax(), 0));
        NonIdealities ni = t.nonIdealities();
        t = new Target(t.schemaVersion(), t.name(), t.description(), t.timing(), t.synapse(), t.neuron(), t.tile(), t.adc(),
                new NonIdealities(ni.d2dSigma(), ni.readNoiseSigma(), stuckRate, ni.stuckOnFraction(), 0, true, 0), t.programming(), t.paper(), t.trim());
        int[] layers = {40, 24, 6};
        SplittableRandom r = new SplittableRandom(3);
        double[][][] w = new double[2][][];
        for (int l = 0; l < 2; l++) {
            w[l] = new double[layers[l + 1]][layers[l]];
            for (double[] row : w[l]) for (int i = 0; i < row.length; i++) row[i] = 0.15 * r.nextGaussian();
        }
        ModelArtifact m = new ModelArtifact(ModelArtifact.SCHEMA_VERSION, NetworkConfigs.defaults(t, layers), t, w,
                new TrainingRecord("x", "", 0, 0, 1, 1e-3, 0.9, 0.999, 1, 0.1, 1), Map.of(), null);
        // exact programming, no compile-time faults: the chip's conductances are the nominal levels
        return Compiler.compile(m, t, new CompileOptions(5, "pack", 0, true, false, false, false, 1));
    }

    /** The model weights a compiled program came from (ChipModel takes them from the model file). */
    static double[][][] weights(io.memtile.compiler.CompileResult r) {
        var ls = r.quantized().layers();
        double[][][] w = new double[ls.size()][][];
        for (int l = 0; l < w.length; l++) w[l] = ls.get(l).map().weights();
        return w;
    }

    @Test
    void transformReproducesTheChipsExactTransferAtTheProgrammedWeights() {
        io.memtile.compiler.CompileResult cr = compiled(0.02);
        TileProgram p = cr.program();
        assertTrue(p.layers().get(0).scale() > 1.2 && p.layers().get(0).irGain() != null, "the test needs range mapping and IR compensation");
        int[] layers = p.network().layers();
        int n = p.provenance().switches();
        double[][][] w = weights(cr);
        ChipModel.Result res = ChipModel.build(p, w, n, 9, 1);
        assertTrue(res.freshStuck() > 0, "the test needs stuck cells");
        assertTrue(res.maxAttenuationLoss() > 0, "the test needs IR drop");
        HwAwareConfig cfg = new HwAwareConfig(HwAwareConfig.VERSION, 1, 0, 0, n, 0, 0.5, p.target().tile().wireResistanceOhm(),
                32, 32, 0, "pack", "prog", "sha", 9L);
        HwTransform hw = new HwTransform(cfg, p.target(), layers, null, res.chip());
        double[][][] eff = hw.sample(w, 0, 0);
        NonIdealities ni = p.target().nonIdealities();
        ChipInstance chip = ChipInstance.build(p, new NonIdealities(0, 0, ni.stuckAtRate(), ni.stuckOnFraction(), 0, true, 0), 9);
        LayerOperator[] ops = ChipNetwork.build(chip, true, false, false, 1);
        double worst = 0;
        for (int l = 0; l < w.length; l++) {
            // what the neuron sees, in trained-weight units: the column current over gUnit, with the range scale divided out
            double gUnit = p.layers().get(l).gUnit() * p.layers().get(l).scale();
            for (int j = 0; j < layers[l + 1]; j++) {
                for (int i = 0; i < layers[l]; i++) {
                    worst = Math.max(worst, Math.abs(eff[l][j][i] - ops[l].w()[j * layers[l] + i] / gUnit));
                }
            }
        }
        System.out.printf("finetune chip model: max |T(w0) - exact chip transfer| = %.2e weight units; offset RMS %.2e; %d fresh stuck%n",
                worst, res.offsetRms(), res.freshStuck());
        assertEquals(0, worst, 1e-12);
        // a stuck device gets no gradient
        double[][][] g = new double[w.length][][];
        for (int l = 0; l < w.length; l++) {
            g[l] = new double[layers[l + 1]][layers[l]];
            for (double[] row : g[l]) java.util.Arrays.fill(row, 1);
        }
        hw.chain(g);
        int checked = 0;
        for (int l = 0; l < w.length; l++) {
            for (int k = 0; k < res.chip().stuckPlus()[l].length; k++) {
                int j = k / layers[l], i = k % layers[l];
                boolean signDeviceStuck = w[l][j][i] > 0 ? res.chip().stuckPlus()[l][k] : w[l][j][i] < 0 && res.chip().stuckMinus()[l][k];
                if (signDeviceStuck) {
                    assertEquals(0.0, g[l][j][i]);
                    checked++;
                }
            }
        }
        assertTrue(checked > 0);
    }

    @Test
    void onACompensatedChipTheModelsWeightsAreTheTrainedOnesNotTheDeviceLevels() {
        // without stuck cells, range mapping + IR compensation make the chip carry the trained weights; the
        // fine-tuning model must see them in trained units (before it saw s*w, the device's scaled weights)
        io.memtile.compiler.CompileResult cr = compiled(0);
        TileProgram p = cr.program();
        int n = p.provenance().switches();
        double[][][] w = weights(cr);
        ChipModel.Result res = ChipModel.build(p, w, n, 9, 1);
        HwAwareConfig cfg = new HwAwareConfig(HwAwareConfig.VERSION, 1, 0, 0, n, 0, 0.5, p.target().tile().wireResistanceOhm(),
                32, 32, 0, "pack", "prog", "sha", 9L);
        HwTransform hw = new HwTransform(cfg, p.target(), p.network().layers(), null, res.chip());
        double[][][] eff = hw.sample(w, 0, 0);
        double se = 0, sw = 0;
        for (int l = 0; l < w.length; l++) {
            for (int j = 0; j < w[l].length; j++) {
                for (int i = 0; i < w[l][j].length; i++) {
                    se += (eff[l][j][i] - w[l][j][i]) * (eff[l][j][i] - w[l][j][i]);
                    sw += w[l][j][i] * w[l][j][i];
                }
            }
        }
        assertTrue(Math.sqrt(se / sw) < 0.1, "relative RMS of (chip weight - trained weight) " + Math.sqrt(se / sw));
        // and a weight's gradient is carried at unit scale by its active device (no range factor)
        double[][][] g = new double[w.length][][];
        for (int l = 0; l < w.length; l++) {
            g[l] = new double[w[l].length][w[l][0].length];
            for (double[] row : g[l]) java.util.Arrays.fill(row, 1);
        }
        hw.chain(g);
        for (int l = 0; l < w.length; l++) {
            for (int j = 0; j < w[l].length; j++) {
                for (int i = 0; i < w[l][j].length; i++) if (w[l][j][i] != 0) assertEquals(1.0, g[l][j][i], 1e-12);
            }
        }
    }
}
