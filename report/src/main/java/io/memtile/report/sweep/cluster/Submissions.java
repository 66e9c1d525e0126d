package io.memtile.report.sweep.cluster;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Json;
import io.memtile.core.json.Validatable;
import io.memtile.core.json.Versioned;
import io.memtile.report.sweep.SweepDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cluster/submissions.json}: every submission of a sweep, oldest first, so that
 * {@code sweep status} knows which scheduler job to ask about each index.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param submissions   oldest first
 */
public record Submissions(int schemaVersion, List<Submission> submissions) implements Versioned, Validatable {
    public static final int SCHEMA_VERSION = 1;
    public static final String FILE = "submissions.json";

    @Override
    public void validate(Fields f) {
        f.present("submissions", submissions);
        for (int i = 0; i < submissions.size(); i++) {
            Submission s = submissions.get(i);
            Fields e = f.index("submissions", i);
            e.nonBlank("jobId", s.jobId());
            e.check("slurm".equals(s.scheduler()), "scheduler", "must be \"slurm\", got \"" + s.scheduler() + "\"");
            e.check(s.indices() != null && s.indices().matches("[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*"), "indices",
                    "must be a range list like 0-3,7, got \"" + s.indices() + "\"");
        }
    }

    public static Path file(Path planDir) { return planDir.resolve(SweepDir.CLUSTER_DIR).resolve(FILE); }

    public static Submissions read(Path planDir) {
        Path f = file(planDir);
        return Files.exists(f) ? Json.read(f, Submissions.class) : new Submissions(SCHEMA_VERSION, List.of());
    }

    public static void append(Path planDir, Submission s) {
        List<Submission> all = new ArrayList<>(read(planDir).submissions());
        all.add(s);
        Json.write(file(planDir), new Submissions(SCHEMA_VERSION, all));
    }
}
