package io.memtile.sim;

import io.memtile.compiler.program.TileProgram;
import io.memtile.core.json.Fields;
import io.memtile.datasets.Dataset;

/**
 * What the simulator needs of a program beyond its schema: every block, row, column and neuron
 * index inside its tile and layer, so a corrupt program fails with the offending field named
 * instead of an index exception mid-run.
 */
public final class ProgramChecks {
    private ProgramChecks() {}

    /**
     * The structural aspect of the program checker (indices inside their tiles and layers), for
     * programs built in memory; programs read from disk get the full checker in {@link SimFiles}.
     */
    public static void check(TileProgram p, String source) {
        java.util.List<String> v = new java.util.ArrayList<>();
        new io.memtile.compiler.check.StructureCheck().check(p, null, v);
        new io.memtile.compiler.check.StuckCheck().check(p, null, v);
        if (v.isEmpty()) io.memtile.compiler.check.MappingChecks.outputArrays(p, v);
        io.memtile.compiler.check.ProgramFiles.fail(java.nio.file.Path.of(source), v);
    }

    /** The dataset must feed layer 0 and fit the output layer. */
    public static void checkDataset(TileProgram p, Dataset d, String source) {
        Fields f = Fields.root(source);
        int in = p.network().layers()[0];
        int out = p.network().layers()[p.network().layers().length - 1];
        f.check(d.dim() == in, "dim", "samples have " + d.dim() + " features but the program's layer 0 has " + in + " inputs");
        f.check(d.classes() <= out, "classes", "has " + d.classes() + " classes but the program's output layer has " + out + " neurons");
        f.check(d.size() > 0, "size", "is empty");
    }
}
