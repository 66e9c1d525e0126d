package io.memtile.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streamed hash must be the hash of exactly the text {@link Json#toJson} produces (non-ASCII included). */
public class JsonHashTest {
    public record Item(String name, double[] values, List<Integer> ids) {}

    @Test
    void streamedHashEqualsHashOfTheSerialisedText() {
        Item a = new Item("µS ± 5 % — tile", new double[] {1e-5, -0.25, 3.0e8}, List.of(1, 2, 3));
        assertEquals(Hashing.sha256(Json.toJson(a).getBytes(StandardCharsets.UTF_8)), Json.sha256OfJson(a));
        Item b = new Item("µS ± 5 % — tile", new double[] {1e-5, -0.25, 3.0e8 + 1}, List.of(1, 2, 3));
        assertNotEquals(Json.sha256OfJson(a), Json.sha256OfJson(b));
    }

    /** Output of several digest buffers (1 MiB each) goes through the second thread: still the hash of the text. */
    @Test
    void largeOutputIsHashedOnTheDigestThreadWithTheSameResult() {
        double[] v = new double[400_000];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < v.length; i++) v[i] = r.nextInt(5) == 0 ? r.nextDouble() : 1e-5 + r.nextInt(65) * 1.546875e-5;
        Item big = new Item("big", v, List.of(7));
        String text = Json.toJson(big);
        assertTrue(text.length() > 4 << 20, "more than four digest buffers: " + text.length());
        assertEquals(Hashing.sha256(text.getBytes(StandardCharsets.UTF_8)), Json.sha256OfJson(big));
    }

    /** A value that cannot be serialised fails as before, also after the digest thread started, and nothing hangs. */
    @Test
    void aFailureMidwayPropagates() {
        double[] v = new double[400_000];
        java.util.Arrays.fill(v, 0.125);
        v[v.length - 1] = Double.NaN;
        assertThrows(RuntimeException.class, () -> Json.sha256OfJson(new Item("nan", v, List.of())));
    }
}
