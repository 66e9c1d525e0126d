package io.memtile.sim;

import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.Target;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.model.ModelArtifact;

/** Lets tests in sub-packages use the package-private {@link TestPrograms}. */
public final class TestProgramsAccess {
    private TestProgramsAccess() {}

    public static Target smallTiles() { return TestPrograms.smallTiles(); }

    public static ModelArtifact model(Target t, int[] layers, int steps, long seed) { return TestPrograms.model(t, layers, steps, seed); }

    public static TileProgram ideal(ModelArtifact m) { return TestPrograms.ideal(m); }

    public static Dataset dataset(ModelArtifact m, int n, long seed) { return TestPrograms.dataset(m, n, seed); }
}
