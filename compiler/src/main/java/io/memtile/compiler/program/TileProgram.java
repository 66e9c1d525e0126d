package io.memtile.compiler.program;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Validatable;
import io.memtile.core.json.Versioned;
import io.memtile.core.target.Target;
import io.memtile.trainer.model.NetworkConfig;
import java.util.List;

/**
 * The compiled tile program ({@code prog/program.json}): what a chip — and the simulator — needs to
 * execute the network. The simulator reads the programmed conductances from here, never the
 * trained floats.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param provenance    where it came from (model hash, seed, compiler options)
 * @param network       the forward-map configuration copied from the model
 * @param target        the hardware target it was compiled for
 * @param layers        one mapping per weight layer
 * @param tiles         every tile used, with its blocks and programmed cells
 * @param neurons       where every MIF neuron sits
 * @param stats         summary figures (tiles vs lower bound, utilisation, programming cost)
 */
public record TileProgram(int schemaVersion, Provenance provenance, NetworkConfig network, Target target,
                          List<LayerMapping> layers, List<TileImage> tiles, List<NeuronSite> neurons,
                          CompileStats stats) implements Validatable, Versioned {
    public static final int SCHEMA_VERSION = 1;

    @Override
    public void validate(Fields f) {
        f.present("provenance", provenance);
        f.present("network", network).validate(f.sub("network"));
        f.present("target", target).validate(f.sub("target"));
        f.present("layers", layers);
        f.present("tiles", tiles);
        f.present("neurons", neurons);
        f.present("stats", stats);
        for (int i = 0; i < tiles.size(); i++) tiles.get(i).validate(f.index("tiles", i));
    }
}
