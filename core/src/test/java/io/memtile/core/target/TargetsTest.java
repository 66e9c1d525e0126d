package io.memtile.core.target;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsTest {
    private static String paperText() throws Exception {
        try (var in = TargetsTest.class.getResourceAsStream("/targets/paper-65nm.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bundledTargetsLoadWithTableIiiValues() {
        Target t = Targets.paper();
        assertEquals(1e-10, t.neuron().cMem());
        assertEquals(0.05, t.neuron().e2());
        assertEquals(0.11, t.neuron().m1().vOn());
        assertEquals(0.015, t.neuron().m1().k(), 1e-15);
        assertEquals(128, t.tile().rows());
        assertEquals(2.77e-3, t.tile().areaMm2());
        Target k = Targets.load("knowm-mss");
        assertEquals(500.0, k.synapse().rOn());
        assertNotEquals(t.synapse().rOff(), k.synapse().rOff());
    }

    @Test
    void roundTripsThroughJsonb(@TempDir Path dir) {
        Target t = Targets.paper();
        Path f = dir.resolve("t.json");
        Json.write(f, t);
        assertEquals(t, Json.read(f, Target.class));
    }

    @Test
    void unknownFieldIsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, paperText().replace("\"rows\": 128", "\"rows\": 128, \"rowz\": 3"));
        MemtileException e = assertThrows(MemtileException.class, () -> Json.read(f, Target.class));
        assertTrue(e.getMessage().contains("tile.rowz") && e.getMessage().contains("unknown field"), e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void outOfRangeFieldIsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, paperText().replace("\"cMem\": 1.0e-10", "\"cMem\": -1.0e-10"));
        MemtileException e = assertThrows(MemtileException.class, () -> Json.read(f, Target.class));
        assertTrue(e.getMessage().contains("neuron.cMem") && e.getMessage().contains("> 0"), e.getMessage());
    }

    @Test
    void missingAndMistypedFieldsAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, paperText().replace("\"tauAlpha\": 6.4e-4", "\"tauAlpha\": \"fast\""));
        MemtileException e = assertThrows(MemtileException.class, () -> Json.read(f, Target.class));
        assertTrue(e.getMessage().contains("neuron.tauAlpha") && e.getMessage().contains("number"), e.getMessage());
        Files.writeString(f, paperText().replace("\"spareColumns\": 0", "\"x\": 0").replace(", \"x\": 0", ""));
        e = assertThrows(MemtileException.class, () -> Json.read(f, Target.class));
        assertTrue(e.getMessage().contains("tile"), e.getMessage());
    }

    @Test
    void malformedJsonGivesLocation(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, paperText().substring(0, 200));
        MemtileException e = assertThrows(MemtileException.class, () -> Json.read(f, Target.class));
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void impossibleTargetRejected(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, paperText().replace("\"readVoltage\": 0.1", "\"readVoltage\": 0.5"));
        MemtileException e = assertThrows(MemtileException.class, () -> Json.read(f, Target.class));
        assertTrue(e.getMessage().contains("programming.readVoltage"), e.getMessage());
    }
}
