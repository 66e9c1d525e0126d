package io.memtile.report.sweep;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Validatable;
import io.memtile.core.json.Versioned;
import java.util.List;

/**
 * The job list of a sweep ({@code plan.json}). A cluster engine can run job i anywhere with
 * {@code memtile sweep run --plan plan.json --index i}; outputs land next to the plan.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param grid          the grid expression the plan was made from
 * @param mode          "paper" or "measured"
 * @param jobs          the jobs, index = position
 */
public record SweepPlan(int schemaVersion, String grid, String mode, List<SweepJob> jobs) implements Versioned, Validatable {
    public static final int SCHEMA_VERSION = 1;

    @Override
    public void validate(Fields f) {
        f.present("jobs", jobs);
        for (int i = 0; i < jobs.size(); i++) {
            jobs.get(i).validate(f.index("jobs", i));
            f.check(jobs.get(i).index() == i, "jobs[" + i + "].index", "must equal its position " + i);
        }
    }
}
