package io.memtile.report.sweep.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the sweep needs from a batch scheduler: submit an array script, and say where its tasks are. */
public interface Scheduler {
    /** Submits {@code script}; returns the scheduler's job id. */
    String submit(Path script);

    /**
     * The known states of the array tasks of {@code jobIds}, keyed {@code "jobId_index"} (e.g.
     * "PENDING", "RUNNING", "FAILED", "COMPLETED"); empty when the scheduler cannot be asked.
     * Tasks that left the queue and have no accounting record are absent.
     */
    Optional<Map<String, String>> taskStates(List<String> jobIds);
}
