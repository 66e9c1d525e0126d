package io.memtile.compiler.bitline;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.core.target.Target;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.ReferenceForward;
import io.memtile.trainer.model.ModelArtifact;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code --bitline-ref auto}: the least-squares reference of the hidden membrane voltages over the samples. */
class AutoReferenceTest {
    @Test
    void isTheVoltageThatMinimisesTheSquaredCellVoltage() {
        Target t = TestTargets.withTile(TestTargets.paper(), 16, 16, 0);
        ModelArtifact m = RandomModels.create(t, new int[] {20, 12, 3}, 1.0, 9);
        SplittableRandom r = new SplittableRandom(3);
        int n = 5;
        float[] f = new float[n * 20];
        for (int i = 0; i < f.length; i++) f[i] = (float) r.nextDouble();
        Dataset d = new Dataset("random", f, new int[n], 20, 3, "");
        double[] refs = AutoReference.meanMembrane(m, d, 4);
        assertEquals(1, refs.length);
        // sum (V - v)^2 over the first 4 samples' hidden traces is smallest at v = refs[0]
        double[] x = new double[20];
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        double[] cost = new double[3];
        double[] at = {refs[0] - 0.01, refs[0], refs[0] + 0.01};
        for (int i = 0; i < 4; i++) {
            d.sample(i, x);
            for (double[] vt : ReferenceForward.traces(m, x)[0]) {
                for (double v : vt) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    for (int k = 0; k < 3; k++) cost[k] += (v - at[k]) * (v - at[k]);
                }
            }
        }
        assertTrue(hi > lo, "the hidden layer moves");
        assertTrue(refs[0] > lo && refs[0] < hi);
        assertTrue(cost[1] < cost[0] && cost[1] < cost[2]);
        // and the fifth sample was not used
        assertNotEquals(refs[0], AutoReference.meanMembrane(m, d, 5)[0]);
    }
}
