package io.memtile.compiler.program;

/**
 * @param model          model file the program was compiled from
 * @param modelSha256    hash of that file's bytes
 * @param targetName     target name
 * @param seed           seed of the stochastic programming simulation and fault draw
 * @param switches       N of the synapse MSS device used for quantisation (N+1 levels)
 * @param packer         placement strategy ("layers", "pack" or "grid")
 * @param memtileVersion compiler version
 * @param faultMap       true when the stuck-at faults of target.nonIdealities were drawn at programming time, so the
 *                       conductances already carry this chip's manufacturing faults (found ones listed in
 *                       tiles[].stuck); optional, absent = false (older programs: the simulator then draws them itself)
 * @param inputBins      event frames per sample of the model's training data (its {@code training.bins}); absent for
 *                       static input. {@code simulate} bins event data this way unless {@code --bins} says otherwise
 * @param contentSha256  sha256 of the program's canonical JSON without this field
 *                       ({@link io.memtile.compiler.check.ProgramHash}); null until sealed
 */
public record Provenance(String model, String modelSha256, String targetName, long seed, int switches, String packer,
                         String memtileVersion, @io.memtile.core.json.OptionalField boolean faultMap,
                         @io.memtile.core.json.OptionalField String contentSha256,
                         @io.memtile.core.json.OptionalField Integer inputBins) {
    /** The canonical constructor binds JSON (two constructors would leave JSON-B guessing). */
    @jakarta.json.bind.annotation.JsonbCreator
    public Provenance {}

    public Provenance(String model, String modelSha256, String targetName, long seed, int switches, String packer, String memtileVersion) {
        this(model, modelSha256, targetName, seed, switches, packer, memtileVersion, false, null, null);
    }

    public Provenance(String model, String modelSha256, String targetName, long seed, int switches, String packer, String memtileVersion,
                      boolean faultMap) {
        this(model, modelSha256, targetName, seed, switches, packer, memtileVersion, faultMap, null, null);
    }

    public Provenance withInputBins(Integer bins) {
        return new Provenance(model, modelSha256, targetName, seed, switches, packer, memtileVersion, faultMap, contentSha256, bins);
    }

    public Provenance withContentSha256(String h) {
        return new Provenance(model, modelSha256, targetName, seed, switches, packer, memtileVersion, faultMap, h, inputBins);
    }
}
