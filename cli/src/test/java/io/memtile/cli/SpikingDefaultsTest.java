package io.memtile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.memtile.core.json.Json;
import io.memtile.trainer.model.ModelArtifact;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training defaults are the spiking regime (issue 9): first-layer scale 3.3, init 0.03, the activity term at 0.3
 * action potentials with weight 1e5 and the drive-energy term at 1e4, all recorded in the model; and the analog regime
 * (the defaults before) is the README's four options away. Tiny runs: this checks the wiring, the README's tables the
 * figures.
 */
class SpikingDefaultsTest {
    static ModelArtifact train(Path out, String... extra) throws Exception {
        String[] base = {"train", "--dataset", "embedded:mnist", "--train-limit", "16", "--test-limit", "8", "--epochs", "1", "--batch", "8",
                "--steps", "40", "--injection-period", "20", "--hidden", "6", "--seed", "3", "--threads", "1", "--out", out.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        assertEquals(0, Main.execute(args));
        return Json.read(out, ModelArtifact.class);
    }

    @Test
    void defaultTrainingIsTheSpikingRegime(@TempDir Path dir) throws Exception {
        ModelArtifact m = train(dir.resolve("s.json"));
        assertEquals(3.3, m.network().layerScales()[0]);
        assertEquals(100.0, m.network().layerScales()[1]);
        assertEquals(0.03, m.training().initScale());
        var a = m.training().activity();
        assertEquals(0.3, a.rate());
        assertEquals(1e5, a.weight());
        assertEquals(1e4, a.energyWeight());
    }

    @Test
    void theAnalogRegimeIsFourOptionsAway(@TempDir Path dir) throws Exception {
        ModelArtifact m = train(dir.resolve("a.json"), "--layer-scales", "33,100", "--init-scale", "0.1", "--activity-weight", "0",
                "--drive-energy-weight", "0");
        assertEquals(33.0, m.network().layerScales()[0]);
        assertEquals(0.1, m.training().initScale());
        // no active term: the model records none, as the analog models shipped before this release
        assertNull(m.training().activity());
    }
}
