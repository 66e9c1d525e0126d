package io.memtile.compiler.program;

import org.eclipse.collections.impl.list.mutable.primitive.ByteArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.FloatArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * Every programming pulse of one tile in order, in primitive columns (a tile of 16 k devices emits
 * tens of thousands of pulses; objects per pulse would dominate the compiler's memory).
 */
public final class PulseLog {
    public final int tile;
    public final IntArrayList row = new IntArrayList(), col = new IntArrayList(), pulse = new IntArrayList();
    public final ByteArrayList kind = new ByteArrayList();
    public final FloatArrayList volts = new FloatArrayList(), widthNs = new FloatArrayList(), expectedLevel = new FloatArrayList();

    public PulseLog(int tile) { this.tile = tile; }

    public int size() { return row.size(); }

    public void add(int r, int c, int p, byte k, double v, double w, double e) {
        row.add(r);
        col.add(c);
        pulse.add(p);
        kind.add(k);
        volts.add((float) v);
        widthNs.add((float) w);
        expectedLevel.add((float) e);
    }
}
