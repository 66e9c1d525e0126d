package io.memtile.core.json;

import jakarta.json.JsonNumber;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Writes a {@code double[]} exactly as JSON-B's own array serialiser does (start array, one
 * {@code Double.toString} number per element, end array), but formats each distinct value of the array
 * once.
 *
 * <p>Why: a program's tiles hold their nominal conductances, gOff + level x step, so a 128 x 128 tile has at most
 * 2N + 1 distinct values among its 16,384 cells, and {@code Double.toString} of a full-precision double (the JDK 17
 * algorithm, arbitrary precision for most such values) cost about two thirds of hashing a 4,128-tile program
 * ({@link Json#sha256OfJson}, run by every compile). The text is the same byte for byte: each number goes to the
 * generator as a {@link JsonNumber} whose {@code toString} is {@code Double.toString(v)}, which the generator writes
 * through the same path as {@code write(double)}; non-finite values go through {@code write(double)} itself, so they
 * fail as before (JsonHashTest compares both serialisations).
 */
final class RepeatedDoubleArraySerializer implements JsonbSerializer<double[]> {
    /** Direct-mapped cache slots per array: enough for the 129 levels of N = 64 with few collisions. */
    private static final int SLOTS = 512;

    @Override
    public void serialize(double[] a, JsonGenerator g, SerializationContext ctx) {
        g.writeStartArray();
        long[] keys = a.length >= 64 ? new long[SLOTS] : null;
        Formatted[] vals = keys == null ? null : new Formatted[SLOTS];
        for (double v : a) {
            if (!Double.isFinite(v) || keys == null) {
                g.write(v);
                continue;
            }
            long bits = Double.doubleToRawLongBits(v);
            int slot = (int) ((bits * 0x9E3779B97F4A7C15L) >>> 55) & (SLOTS - 1);
            Formatted f = vals[slot];
            if (f == null || keys[slot] != bits) {
                f = vals[slot] = new Formatted(v);
                keys[slot] = bits;
            }
            g.write(f);
        }
        g.writeEnd();
    }

    /** A finite double with its {@code Double.toString} text. */
    private static final class Formatted implements JsonNumber {
        private final double v;
        private final String text;

        Formatted(double v) {
            this.v = v;
            this.text = Double.toString(v);
        }

        @Override public boolean isIntegral() { return bigDecimalValue().scale() == 0; }
        @Override public int intValue() { return (int) v; }
        @Override public int intValueExact() { return bigDecimalValue().intValueExact(); }
        @Override public long longValue() { return (long) v; }
        @Override public long longValueExact() { return bigDecimalValue().longValueExact(); }
        @Override public BigInteger bigIntegerValue() { return bigDecimalValue().toBigInteger(); }
        @Override public BigInteger bigIntegerValueExact() { return bigDecimalValue().toBigIntegerExact(); }
        @Override public double doubleValue() { return v; }
        @Override public BigDecimal bigDecimalValue() { return new BigDecimal(text); }
        @Override public ValueType getValueType() { return ValueType.NUMBER; }
        @Override public String toString() { return text; }
        @Override public boolean equals(Object o) { return o instanceof JsonNumber n && bigDecimalValue().equals(n.bigDecimalValue()); }
        @Override public int hashCode() { return bigDecimalValue().hashCode(); }
    }
}
