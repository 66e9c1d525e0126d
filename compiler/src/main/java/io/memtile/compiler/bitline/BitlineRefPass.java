package io.memtile.compiler.bitline;

import io.memtile.compiler.program.BitlineRef;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.MemtileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pass "bitline": a bit-line reference voltage for the membrane-driven weight layers (index &gt;= 1).
 *
 * <p>A hidden MIF membrane that spikes sits well above 0 V on average, and it drives the next crossbar's word
 * lines directly, so with the bit lines sensed at 0 V every cell carries the whole membrane voltage: most of the
 * array heat V^2 G, and the device errors dw multiply all of V. Holding the layer's bit lines at V_ref near the
 * mean membrane voltage leaves each cell V_i - V_ref; the lost term V_ref sum_i w_ji is a per-neuron constant,
 * put back by a fixed compensation current per neuron ({@link BitlineRef}), computed here from the nominal
 * target levels ({@link NominalRowSums}). Runs after programming because repairs move cells and levels.
 *
 * <p>Off (no {@code --bitline-ref}, or 0 V for a layer) leaves the layer untouched: programs and every simulated
 * figure stay what they were.
 */
public final class BitlineRefPass {
    public static final String NAME = "bitline";

    private BitlineRefPass() {}

    /** Per layer: what the pass set. */
    public record LayerReport(int layer, double vRef, boolean irDesigned, double meanAbsCompensationA, double maxAbsCompensationA) {}

    public record Result(List<LayerMapping> layers, List<LayerReport> reports) {}

    /**
     * @param p    the program as compiled so far (its layers without bit-line references)
     * @param refs one V_ref (V) per membrane-driven layer 1..L-1, 0 = that layer off; null = pass off
     */
    public static Result run(TileProgram p, double[] refs) {
        List<LayerMapping> layers = p.layers();
        if (refs == null) return new Result(layers, List.of());
        int membrane = layers.size() - 1;
        if (refs.length != membrane) {
            throw new MemtileException("--bitline-ref", null, "gives " + refs.length + " voltage(s) but the network has " + membrane
                    + " membrane-driven weight layer(s) (layers 1.." + membrane + ")");
        }
        boolean ir = NominalRowSums.irDesigned(p);
        List<LayerMapping> out = new ArrayList<>(layers);
        List<LayerReport> rep = new ArrayList<>();
        for (int l = 1; l < layers.size(); l++) {
            double v = refs[l - 1];
            if (v == 0) continue;
            double[] b = NominalRowSums.compensation(p, l, v);
            double s = 0, m = 0;
            for (double x : b) { s += Math.abs(x); m = Math.max(m, Math.abs(x)); }
            out.set(l, layers.get(l).withBitline(new BitlineRef(v, b)));
            rep.add(new LayerReport(l, v, ir, b.length == 0 ? 0 : s / b.length, m));
        }
        return new Result(List.copyOf(out), List.copyOf(rep));
    }

    /**
     * Parses {@code --bitline-ref}: "off" (or absent) = null, else comma-separated volts, one per membrane-driven layer.
     * Each must be finite with |V| &lt;= 1 V (a reference beyond any membrane voltage is a typo).
     */
    public static double[] parse(String s) {
        if (s == null || s.isBlank() || "off".equalsIgnoreCase(s.trim())) return null;
        String[] parts = s.split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new MemtileException("--bitline-ref", null, "'" + parts[i].trim() + "' is not a voltage (volts, comma-separated, or 'off')");
            }
            if (!Double.isFinite(v[i]) || Math.abs(v[i]) > 1.0) {
                throw new MemtileException("--bitline-ref", null, "must be finite volts with |V| <= 1, got " + parts[i].trim());
            }
        }
        return v;
    }
}
