package io.memtile.physics.mif;

/**
 * Wall-clock cost of {@link MifKernel#step} per neuron-step, measured on a batch the size of a
 * hidden layer. Evidence for the integrator choice, printed next to the SPICE errors; not a
 * benchmark harness (no forks, no JIT control) and never asserted in tests.
 */
public final class KernelTiming {
    private KernelTiming() {}

    /** Best of {@code reps} timed runs of {@code steps} steps over {@code n} neurons, in ns per neuron-step. */
    public static double nsPerNeuronStep(MifKernel k, int n, int steps, int reps) {
        double[] rest = k.restState();
        double[] v = new double[n], x1 = new double[n], x2 = new double[n], cur = new double[n];
        double best = Double.POSITIVE_INFINITY;
        for (int r = -2; r < reps; r++) { // two untimed warm-up rounds for the JIT
            for (int i = 0; i < n; i++) {
                v[i] = rest[0];
                x1[i] = rest[1];
                x2[i] = rest[2];
                cur[i] = 3e-6 * (i % 7) / 7.0; // a spread of operating points, all stable
            }
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) k.step(n, v, x1, x2, cur);
            long t1 = System.nanoTime();
            if (r >= 0) best = Math.min(best, (t1 - t0) / ((double) n * steps));
        }
        if (Double.isNaN(v[0])) return best; // keeps the result live (no dead-code elimination)
        return best;
    }
}
