package io.memtile.report;

import io.memtile.sim.result.SimResult;

/** Lets tests in sub-packages use the package-private {@link SimFixtures}. */
public final class SimFixturesAccess {
    private SimFixturesAccess() {}

    public static SimResult paper784() { return SimFixtures.paper784(); }
}
