package io.memtile.report.sweep.cluster;

import io.memtile.core.MemtileException;
import io.memtile.core.render.Templates;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders a Kubernetes Indexed Job for a sweep ({@code templates/sweep/k8s-indexed-job.yaml.vm}):
 * completion index i runs plan job i ({@code JOB_COMPLETION_INDEX}). memtile writes the manifest
 * and never applies it; the cluster, image and volume are the user's.
 */
public final class K8sIndexedJob {
    public static final String TEMPLATE = "sweep/k8s-indexed-job.yaml.vm";

    /**
     * @param planFile    absolute plan.json
     * @param jobs        the plan's job count (= completions)
     * @param name        Job name (DNS label)
     * @param res         per-pod resources
     * @param image       container image with memtile
     * @param command     memtile's command in the image
     * @param pvc         persistent volume claim holding the sweep directory
     * @param parallelism pods at once
     */
    public record Input(Path planFile, int jobs, String name, WorkerResources res, String image, String command, String pvc,
                        int parallelism) {
        public Input {
            if (image == null || image.isBlank()) throw new MemtileException("--image", null, "a Kubernetes manifest needs the container image that has memtile");
            if (pvc == null || !pvc.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
                throw new MemtileException("--pvc", null, "needs the name of the persistent volume claim holding the sweep directory, got \"" + pvc + "\"");
            }
            if (parallelism < 1) throw new MemtileException("--parallelism", null, "must be >= 1, got " + parallelism);
            if (!name.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) throw new MemtileException("--name", null, "\"" + name + "\" is not a DNS label");
        }
    }

    private K8sIndexedJob() {}

    public static String render(Input in) {
        Shell sh = Shell.INSTANCE;
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("plan", in.planFile().toString());
        ctx.put("dir", in.planFile().getParent().toString());
        ctx.put("jobs", in.jobs());
        ctx.put("name", in.name());
        ctx.put("res", in.res());
        ctx.put("image", in.image());
        ctx.put("pvc", in.pvc());
        ctx.put("parallelism", Math.min(in.parallelism(), in.jobs()));
        ctx.put("commandLine", "exec " + in.command() + " sweep run --plan " + sh.q(in.planFile().toString()) + " --index \"$JOB_COMPLETION_INDEX\"");
        ctx.put("sh", sh);
        return Templates.render(TEMPLATE, ctx);
    }
}
