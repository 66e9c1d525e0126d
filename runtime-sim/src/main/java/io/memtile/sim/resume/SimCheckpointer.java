package io.memtile.sim.resume;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.sim.engine.SimArrays;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves and restores a {@link SimCheckpoint} for one simulate run. The simulator asks it, per pass
 * (identified by a key such as {@code main} or {@code ablation:d2d only}), whether the pass is
 * already finished or partly done, and hands it a consistent snapshot at each chunk boundary; it
 * writes one at most every {@code intervalSeconds} (atomically, so a kill leaves the previous one).
 */
public class SimCheckpointer {
    public static final String MAIN = "main";

    private final Path file;
    private final SimFingerprint fingerprint;
    private final double intervalSeconds;
    private PassState main;
    private final List<SimCheckpoint.FinishedPass> finished = new ArrayList<>();
    private PassState current;
    private long lastSave = System.nanoTime();
    private int saves;

    /**
     * @param resume continue from {@code file} (which must exist and match {@code fingerprint}); otherwise start empty
     */
    public SimCheckpointer(Path file, SimFingerprint fingerprint, boolean resume, double intervalSeconds) {
        this.file = file;
        this.fingerprint = fingerprint;
        this.intervalSeconds = intervalSeconds;
        if (resume) {
            if (!Files.exists(file)) {
                throw new MemtileException(file.toString(), null, "no checkpoint to resume from (run simulate without --resume first, or the run already finished)");
            }
            SimCheckpoint c = Json.read(file, SimCheckpoint.class);
            c.fingerprint().requireSame(fingerprint, file.toString());
            main = c.main();
            finished.addAll(c.finished());
            current = c.current();
        }
    }

    public Path file() { return file; }

    /** Samples [0, done) of pass {@code key} already finished, or null if nothing of it is saved. */
    public PassState restored(String key) {
        if (MAIN.equals(key)) return main;
        return current != null && current.key().equals(key) ? current : null;
    }

    /** Correct predictions of a finished extra pass, or -1 if it has not finished. */
    public int finishedCorrect(String key, int samples) {
        for (SimCheckpoint.FinishedPass p : finished) if (p.key().equals(key) && p.samples() == samples) return p.correct();
        return -1;
    }

    /** Whether a snapshot should be written now (the interval has passed since the last one). */
    public boolean due() {
        return (System.nanoTime() - lastSave) / 1e9 >= intervalSeconds;
    }

    /** Records samples [0, done) of pass {@code key} (no later sample may have run) and writes the checkpoint. */
    public void save(String key, SimArrays a, int done, double wallSeconds, double cpuSeconds) {
        PassState s = PassState.capture(key, a, done, wallSeconds, cpuSeconds);
        if (MAIN.equals(key)) main = s;
        else current = s;
        write();
    }

    /** Records a finished extra pass by its accuracy and writes the checkpoint. */
    public void finish(String key, int samples, int correct) {
        finished.removeIf(p -> p.key().equals(key));
        finished.add(new SimCheckpoint.FinishedPass(key, samples, correct));
        if (current != null && current.key().equals(key)) current = null;
        write();
    }

    private void write() {
        Json.write(file, new SimCheckpoint(SimCheckpoint.SCHEMA_VERSION, fingerprint, main, List.copyOf(finished), current));
        lastSave = System.nanoTime();
        afterSave(++saves);
    }

    /** Called after every write; tests override it to simulate a kill at a chosen point. */
    protected void afterSave(int saveCount) {}

    /** Removes the checkpoint once the result is written: a finished run has nothing to resume. */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new MemtileException(file.toString(), null, "cannot delete the finished run's checkpoint: " + e.getMessage());
        }
    }
}
