package io.memtile.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.ReferenceForward;
import io.memtile.trainer.engine.SpikeCriterion;
import io.memtile.trainer.engine.TestModels;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfig;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    @Test
    void agreesWithReferenceForwardAndIsThreadCountIndependent() {
        int[] layers = {16, 10, 4};
        NetworkConfig c = TestModels.config(layers, "EXPONENTIAL", 3, new double[] {2, 1}, 1e-3, 120, 1e-5, 30);
        ModelArtifact m = TestModels.model(c, TestModels.paper(), TestModels.randomWeights(layers, 1.0, 5));
        Dataset d = TestModels.synthetic(21, 16, 4, 8);
        EvalResult one = Evaluator.evaluate(m, d, 0, 1);
        EvalResult three = Evaluator.evaluate(m, d, 0, 3);
        assertEquals(21, one.n());
        for (int k = 0; k < 4; k++) assertArrayEquals(one.confusion()[k], three.confusion()[k]);
        for (int l = 0; l < 2; l++) assertArrayEquals(one.activity()[l], three.activity()[l], 1e-15);

        int correct = 0;
        double[] p = new double[16];
        SpikeCriterion sc = SpikeCriterion.of(m.target().neuron());
        long spikesHidden = 0;
        for (int s = 0; s < d.size(); s++) {
            d.sample(s, p);
            if (ReferenceForward.predict(m, p) == d.label(s)) correct++;
            double[][][] tr = ReferenceForward.traces(m, p);
            for (double[] row : tr[0]) spikesHidden += sc.count(row, row.length);
        }
        assertEquals(correct / 21.0, one.accuracy(), 1e-15);
        assertEquals(correct, one.correct());
        double meanHidden = spikesHidden / (21.0 * 120 * 10);
        assertEquals(meanHidden, one.meanActivity(0), 1e-12);
        assertTrue(meanHidden > 0, "the test network should spike");

        EvalResult limited = Evaluator.evaluate(m, d, 5, 2);
        assertEquals(5, limited.n());
    }
}
