package io.memtile.report.sweep.cluster;

/**
 * One hand-over of jobs to a scheduler.
 *
 * @param scheduler "slurm"
 * @param jobId     the scheduler's job id (Slurm: the array job id)
 * @param indices   the plan indices sent, as a range list "0-3,7"
 * @param script    the submitted script, relative to the sweep directory
 */
public record Submission(String scheduler, String jobId, String indices, String script) {}
