package io.memtile.physics.driver;

/**
 * The buffer between a hidden MIF membrane and the word lines of the next crossbar.
 *
 * <p>Without a driver (the paper's circuit, {@code NetworkConfig.driveRange} absent) the membrane voltage
 * itself is the word-line voltage, whatever its sign and size. A real buffer has supply rails: a unity-gain
 * follower powered from {@code low} and {@code high} passes V unchanged between them and saturates outside,
 * d(V) = min(max(V, low), high). With rails [0 V, readVoltageMax] it
 * <ul>
 *   <li>keeps every membrane-driven cell within the tile's read limit (issue 8 item 8), and</li>
 *   <li>cuts the word-line heat of inhibited neurons, whose membranes sit far below 0 V and which, driven
 *       directly, dissipated most of the spiking network's energy (docs/notes/issue-9-s4.md).</li>
 * </ul>
 * The map is piecewise linear; its derivative (1 between the rails, 0 outside, 0 on a rail by convention)
 * is exact almost everywhere, so training differentiates it without a surrogate. Trainer, simulator and
 * references all call these methods, so the three agree bit for bit on the driven voltages.
 */
public record WordLineDriver(double low, double high) {
    public WordLineDriver {
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("driver rails need low < high, both finite, got [" + low + ", " + high + "]");
        }
    }

    /** The driver of a config's {@code driveRange} (null or empty: none, the membrane drives the word lines directly). */
    public static WordLineDriver of(double[] range) {
        return range == null || range.length == 0 ? null : new WordLineDriver(range[0], range[1]);
    }

    /** The word-line voltage for membrane voltage v. */
    public double apply(double v) { return v < low ? low : v > high ? high : v; }

    public float apply(float v) {
        float lo = (float) low, hi = (float) high;
        return v < lo ? lo : v > hi ? hi : v;
    }

    /** True where the output follows the input (the derivative is 1); false on or beyond a rail (0). */
    public boolean follows(double v) { return v > low && v < high; }

    public boolean follows(float v) { return v > (float) low && v < (float) high; }

    /** dst[k] = apply(src[k]) for k in [0, n). */
    public void apply(double[] src, double[] dst, int n) {
        for (int k = 0; k < n; k++) dst[k] = apply(src[k]);
    }

    public void apply(float[] src, float[] dst, int n) {
        float lo = (float) low, hi = (float) high;
        for (int k = 0; k < n; k++) {
            float v = src[k];
            dst[k] = v < lo ? lo : v > hi ? hi : v;
        }
    }

    /** Reverse of {@link #apply}: acc[k] += g[k] where the driver follows v[k] (the chain rule through the clamp). */
    public void addAdjoint(double[] v, double[] g, double[] acc, int n) {
        for (int k = 0; k < n; k++) if (follows(v[k])) acc[k] += g[k];
    }

    public void addAdjoint(float[] v, float[] g, float[] acc, int n) {
        float lo = (float) low, hi = (float) high;
        for (int k = 0; k < n; k++) {
            float x = v[k];
            if (x > lo && x < hi) acc[k] += g[k];
        }
    }

    @Override
    public String toString() { return "[" + low + " V, " + high + " V]"; }
}
