package io.memtile.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
}
