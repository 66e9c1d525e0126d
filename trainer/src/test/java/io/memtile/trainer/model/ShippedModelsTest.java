package io.memtile.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.json.Hashing;
import io.memtile.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every shipped model matches its index entry: hash, network, and the accuracy its training run recorded. */
class ShippedModelsTest {
    @Test
    void indexEntriesMatchTheirFiles() {
        var idx = ShippedModels.index();
        assertFalse(idx.models().isEmpty());
        assertTrue(idx.models().stream().anyMatch(e -> e.name().equals("mnist")), "the MNIST model is shipped");
        for (ShippedModels.Entry e : idx.models()) {
            byte[] b = ShippedModels.resource(e.file());
            assertEquals(e.sha256(), Hashing.sha256(b), e.name() + ": models/index.json sha256 is the file's");
            ModelArtifact m = Json.parse(new String(b, StandardCharsets.UTF_8), e.file(), ModelArtifact.class);
            assertArrayEquals(e.layers(), m.network().layers(), e.name());
            assertEquals(e.testAccuracy(), m.metrics().get("testAccuracy"), 1e-12, e.name() + ": index accuracy is the training run's");
            assertEquals(e.testSamples(), m.metrics().get("testSamples"), 0, e.name());
            assertEquals(e.dataset(), m.training().dataset(), e.name());
            assertTrue(e.trainingCommand().startsWith("memtile train "), e.name());
            // the command names the regime the model was trained in: the defaults (spiking) or the four analog options
            boolean analog = e.trainingCommand().contains("--layer-scales 33,100 --init-scale 0.1 --activity-weight 0 --drive-energy-weight 0");
            assertEquals(analog ? NetworkConfigs.ANALOG_SCALE_1 : NetworkConfigs.DEFAULT_SCALE_1, m.network().layerScales()[0], e.name());
            assertEquals(analog ? io.memtile.trainer.train.TrainDefaults.ANALOG_INIT_SCALE : io.memtile.trainer.train.TrainDefaults.INIT_SCALE,
                    m.training().initScale(), e.name());
            assertEquals(analog ? 0 : io.memtile.trainer.train.TrainDefaults.DRIVE_ENERGY_WEIGHT,
                    m.training().activity() == null ? 0 : m.training().activity().energyWeight(), e.name());
        }
    }

    @Test
    void namesResolveOnlyWhenNoSuchFileExists() {
        assertNull(ShippedModels.find("no-such-model"));
        Path p = Path.of("no-such-model");
        assertEquals(p, ShippedModels.resolve(p));
    }
}
