package io.memtile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.emit.ProgramIO;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.json.Json;
import io.memtile.trainer.model.ModelArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --hw-aware -> compile -> finetune on a tiny network: recorded settings, same compile options, seeded, refuses a foreign model. */
class FinetuneCommandTest {
    static final String[] NET = {"--steps", "40", "--injection-period", "20", "--hidden", "12", "--input-amplitude", "0.5", "--layer-scales", "50,20"};

    static String[] cat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void finetuneRetrainsAgainstTheChipAndRecompiles(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.json");
        Object[] r = SimulateCommandTest.run(cat(new String[] {"train", "--dataset", "embedded:mnist", "--train-limit", "24", "--test-limit", "10",
                "--epochs", "1", "--batch", "8", "--seed", "5", "--threads", "1", "--hw-aware", "--out", model.toString()}, NET));
        assertEquals(0, r[0], (String) r[1]);
        ModelArtifact m = Json.read(model, ModelArtifact.class);
        assertNotNull(m.hwAware());
        assertEquals(64, m.hwAware().switches());
        assertEquals(5, m.hwAware().seed());
        Path prog = dir.resolve("prog");
        r = SimulateCommandTest.run("compile", model.toString(), "--seed", "3", "--switches", "32", "--packer", "grid", "--out", prog.toString(), "--threads", "1");
        assertEquals(0, r[0], (String) r[1]);
        Path out = dir.resolve("tuned"), out2 = dir.resolve("tuned2");
        String[] ft = {"finetune", prog.toString(), "--dataset", "embedded:mnist", "--train-limit", "16", "--test-limit", "10", "--batch", "8",
                "--chip-seed", "4", "--threads", "1", "--no-tile-files"};
        r = SimulateCommandTest.run(cat(ft, "--out", out.toString()));
        assertEquals(0, r[0], (String) r[1]);
        r = SimulateCommandTest.run(cat(ft, "--out", out2.toString()));
        assertEquals(0, r[0], (String) r[1]);
        ModelArtifact tuned = Json.read(dir.resolve("tuned-model.json"), ModelArtifact.class);
        ModelArtifact tuned2 = Json.read(dir.resolve("tuned2-model.json"), ModelArtifact.class);
        assertEquals(4L, tuned.hwAware().chipSeed());
        assertEquals(32, tuned.hwAware().switches());
        assertTrue(tuned.hwAware().chipProgram().endsWith("program.json"));
        for (int l = 0; l < tuned.weights().length; l++) {
            for (int j = 0; j < tuned.weights()[l].length; j++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(tuned.weights()[l][j], tuned2.weights()[l][j], 0.0);
            }
        }
        TileProgram before = ProgramIO.read(prog), after = ProgramIO.read(out);
        assertEquals(before.provenance().seed(), after.provenance().seed());
        assertEquals(before.provenance().switches(), after.provenance().switches());
        assertEquals(before.provenance().packer(), after.provenance().packer());
        assertEquals(before.provenance().targetName(), after.provenance().targetName());
        assertTrue(Files.exists(out.resolve("program.json")));
        var o1 = io.memtile.sim.finetune.RecordedCompile.read(prog).options();
        var o2 = io.memtile.sim.finetune.RecordedCompile.read(out).options();
        assertEquals(o1.withThreads(1).withPulseLog(false), o2.withThreads(1).withPulseLog(false));

        // a program whose model file changed since compiling is refused, naming the file
        Files.writeString(model, Files.readString(model).replace("\"epochs\"", " \"epochs\""));
        r = SimulateCommandTest.run(cat(ft, "--out", dir.resolve("x").toString()));
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("not the model the program was compiled from"), (String) r[1]);
    }
}
