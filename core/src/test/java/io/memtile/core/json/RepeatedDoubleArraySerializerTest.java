package io.memtile.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Json}'s double[] serialiser writes the text of JSON-B's default one, byte for byte. */
public class RepeatedDoubleArraySerializerTest {
    public record Tile(int id, double[] conductance, int[] level, double[] gains, List<double[]> extra) {}

    public record Program(String name, List<Tile> tiles, double scale) {}

    private static final Jsonb PLAIN = JsonbBuilder.create(new JsonbConfig().withFormatting(true));

    @Test
    void sameTextAsTheDefaultSerialiser() {
        SplittableRandom r = new SplittableRandom(5);
        List<Tile> tiles = new java.util.ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int n = new int[] {0, 1, 63, 64, 500, 4096}[t];
            double[] g = new double[n];
            int[] lv = new int[n];
            for (int i = 0; i < n; i++) {
                lv[i] = r.nextInt(129) - 64;
                // nominal conductances (few distinct values) mixed with arbitrary doubles, -0.0, tiny and huge ones
                g[i] = switch (r.nextInt(6)) {
                    case 0 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
                    case 1 -> -0.0;
                    case 2 -> Double.MIN_VALUE * r.nextInt(3);
                    case 3 -> -r.nextDouble() * 1e300;
                    default -> 1e-5 + Math.abs(lv[i]) * (1e-3 - 1e-5) / 64;
                };
            }
            tiles.add(new Tile(t, g, lv, t % 2 == 0 ? null : new double[] {1.0, 0.5, 3e-7}, List.of(g, new double[] {2.0})));
        }
        Program p = new Program("µ-test", tiles, 0.125);
        assertEquals(PLAIN.toJson(p), Json.toJson(p));
        String text = Json.toJson(p);
        assertEquals(Hashing.sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), Json.sha256OfJson(p));
    }

    @Test
    void nonFiniteValuesFailAsBefore() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            double[] g = new double[100];
            g[70] = bad;
            Tile t = new Tile(0, g, new int[0], null, List.of());
            Class<? extends Throwable> expected = assertThrows(RuntimeException.class, () -> PLAIN.toJson(t)).getClass();
            assertEquals(expected, assertThrows(RuntimeException.class, () -> Json.toJson(t)).getClass());
        }
    }
}
