package io.memtile.report.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memtile.core.MemtileException;
import io.memtile.core.target.Targets;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfig;
import io.memtile.trainer.model.TrainingRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model-side sweep axes (input amplitude, layer scales). */
class SweepAxesTest {
    @Test
    void amplitudeAndScalesExpandAsAxesWithReadableIds() {
        assertEquals(7, SweepGrid.KEYS.size());
        List<SweepGrid.Point> pts = SweepGrid.expand("inputAmplitude=0.1,0.01;layerScales=33/100,3.3/100", "paper-65nm");
        assertEquals(4, pts.size());
        assertEquals(0.1, pts.get(0).inputAmplitude());
        assertEquals("3.3/100", pts.get(1).layerScales());
        assertEquals("paper-65nm_tT_bT_vT_a0.01_s3.3-100", SweepGrid.id(pts.get(3)));
        assertThrows(MemtileException.class, () -> SweepGrid.expand("layerScales=33/-1", "paper-65nm"));
        assertThrows(MemtileException.class, () -> SweepGrid.expand("inputAmplitude=0", "paper-65nm"));
    }

    @Test
    void coScalingAmplitudeAndFirstScaleKeepsEveryNeuronCurrent() {
        var t = Targets.paper();
        NetworkConfig c = new NetworkConfig(new int[] {4, 3, 2}, "EXPONENTIAL", "STEP_AVERAGE", 0.1, new double[] {33, 100}, 1e-3,
                "SUM_LOG_SOFTMAX", 10, 1e-5, 5);
        double[][][] w = {new double[3][4], new double[2][3]};
        ModelArtifact m = new ModelArtifact(ModelArtifact.SCHEMA_VERSION, c, t, w,
                new TrainingRecord("embedded:mnist", "", 1, 1, 1, 1e-3, 0.9, 0.999, 1, 0.1, 1), null, null);
        SweepJob job = new SweepJob(0, "x", "measured", "paper-65nm", "4-3-2", 0, 0, 0, -1, 1, "m.json", "embedded:mnist", 1,
                "jobs/x.json", 0.01, "3.3/100");
        ModelArtifact scaled = SweepRunner.withCircuitFactors(m, job);
        assertEquals(0.01, scaled.network().inputAmplitude());
        assertArrayEquals(new double[] {3.3, 100}, scaled.network().layerScales());
        // amplitude / scale is what the neurons see: unchanged to rounding
        assertArrayEquals(Network.of(m).coeff, Network.of(scaled).coeff, 1e-12 * Network.of(m).coeff[0]);
        SweepJob plain = new SweepJob(0, "x", "measured", "paper-65nm", "4-3-2", 0, 0, 0, -1, 1, "m.json", "embedded:mnist", 1, "jobs/x.json", null, null);
        assertEquals(m, SweepRunner.withCircuitFactors(m, plain));
        assertNotEquals(ContentKeys.circuitFactors(plain), ContentKeys.circuitFactors(job), "the simulation cache must tell them apart");
        SweepJob wrong = new SweepJob(0, "x", "measured", "paper-65nm", "4-3-2", 0, 0, 0, -1, 1, "m.json", "embedded:mnist", 1, "jobs/x.json", null, "1/2/3");
        assertThrows(MemtileException.class, () -> SweepRunner.withCircuitFactors(m, wrong));
    }

    @Test
    void paperModeRefusesModelAxes() {
        SweepSpec spec = new SweepSpec("inputAmplitude=0.01", "paper-65nm", "784-100-10", null, null, 0, 1);
        assertThrows(MemtileException.class, () -> SweepPlanner.plan(spec));
    }
}
