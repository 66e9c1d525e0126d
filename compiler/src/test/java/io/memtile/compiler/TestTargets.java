package io.memtile.compiler;

import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.core.target.TileParams;

/** Small targets for fast tests. */
public final class TestTargets {
    private TestTargets() {}

    public static Target paper() { return Targets.paper(); }

    public static Target withTile(Target t, int rows, int cols, int spare) {
        TileParams p = t.tile();
        return t.withTile(new TileParams(rows, cols, p.cellType(), p.technologyNm(), p.areaMm2(), p.wireResistanceOhm(), p.readVoltageMax(), spare));
    }

    public static Target withStuck(Target t, double rate, double onFraction) {
        NonIdealities n = t.nonIdealities();
        return t.withNonIdealities(new NonIdealities(n.d2dSigma(), n.readNoiseSigma(), rate, onFraction, n.driftTau(), n.wireResistance(), 0));
    }
}
