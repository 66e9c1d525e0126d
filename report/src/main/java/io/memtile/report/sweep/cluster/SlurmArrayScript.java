package io.memtile.report.sweep.cluster;

import io.memtile.core.MemtileException;
import io.memtile.core.render.Templates;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Renders the sbatch array script of a sweep ({@code templates/sweep/slurm-array.sh.vm}). */
public final class SlurmArrayScript {
    public static final String TEMPLATE = "sweep/slurm-array.sh.vm";

    /**
     * @param planFile absolute plan.json
     * @param jobs     the plan's job count
     * @param array    the indices this submission runs, as a range list
     * @param name     Slurm job name
     * @param res      per-task resources
     * @param launcher how a task starts memtile
     * @param logs     absolute directory for the tasks' stdout/stderr
     * @param workdir  absolute working directory of every task (where relative dataset specs resolve)
     */
    public record Input(Path planFile, int jobs, String array, String name, WorkerResources res, WorkerLauncher launcher, Path logs,
                        Path workdir) {
        public Input {
            // #SBATCH lines are not shell words: sbatch splits them at blanks and has no portable quoting.
            for (Path p : new Path[] {logs, workdir}) {
                if (!p.toString().matches("[^\\s'\"\\\\%]+")) {
                    throw new MemtileException(p.toString(), null, "Slurm's #SBATCH lines cannot hold a path with blanks, quotes, "
                            + "backslashes or %; use a sweep directory (and working directory) without them");
                }
            }
        }
    }

    private SlurmArrayScript() {}

    public static String render(Input in) {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("plan", in.planFile().toString());
        ctx.put("jobs", in.jobs());
        ctx.put("array", in.array());
        ctx.put("name", in.name());
        ctx.put("res", in.res());
        ctx.put("launcher", in.launcher());
        ctx.put("logs", in.logs().toString());
        ctx.put("workdir", in.workdir().toString());
        ctx.put("sh", Shell.INSTANCE);
        return Templates.render(TEMPLATE, ctx);
    }
}
