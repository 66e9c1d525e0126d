package io.memtile.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.core.target.Targets;
import org.junit.jupiter.api.Test;

/** The word-line driver field of the network contract: optional in JSON, validated, round-tripped. */
class NetworkConfigJsonTest {
    private final NetworkConfig direct = NetworkConfigs.defaults(Targets.paper()).withDriveRange(null);

    @Test
    void aConfigWithoutDriverWritesNoFieldAndReadsBackAsNone() {
        String json = Json.toJson(direct);
        assertFalse(json.contains("driveRange"), "no driver, no field: older files keep their bytes and hashes");
        NetworkConfig back = Json.parse(json, "net.json", NetworkConfig.class);
        assertNull(back.driveRange());
        assertNull(back.driver());
        assertEquals(direct, back);
    }

    @Test
    void railsRoundTrip() {
        NetworkConfig c = direct.withDriveRange(new double[] {0.0, 0.2});
        NetworkConfig back = Json.parse(Json.toJson(c), "net.json", NetworkConfig.class);
        assertArrayEquals(new double[] {0.0, 0.2}, back.driveRange());
        assertEquals(c, back);
        assertTrue(!back.equals(direct));
        assertEquals(0.2, back.driver().high());
    }

    @Test
    void badRailsNameTheField() {
        String json = Json.toJson(direct.withDriveRange(new double[] {0.2, 0.0}));
        MemtileException e = assertThrows(MemtileException.class, () -> Json.parse(json, "net.json", NetworkConfig.class));
        assertTrue(e.getMessage().contains("net.json") && e.getMessage().contains("driveRange"), e.getMessage());
        String three = Json.toJson(direct.withDriveRange(new double[] {0.0, 0.1, 0.2}));
        MemtileException e3 = assertThrows(MemtileException.class, () -> Json.parse(three, "net.json", NetworkConfig.class));
        assertTrue(e3.getMessage().contains("driveRange"), e3.getMessage());
    }
}
