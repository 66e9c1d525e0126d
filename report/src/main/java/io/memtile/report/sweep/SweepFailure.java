package io.memtile.report.sweep;

import io.memtile.core.json.Versioned;

/**
 * Left by a job that threw ({@code failures/NNNN-id.json}), so that {@code sweep status} can say
 * "failed: why" from the sweep directory alone, without a scheduler's accounting. Removed when the
 * job later succeeds.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param index         the job's index
 * @param id            the job's id
 * @param message       the error, one line
 * @param worker        where it ran: the scheduler's task id when there is one, else "local"
 */
public record SweepFailure(int schemaVersion, int index, String id, String message, String worker) implements Versioned {
    public static final int SCHEMA_VERSION = 1;
}
