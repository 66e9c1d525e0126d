package io.memtile.compiler.lower;

import java.util.List;

/** Output of {@link LowerPass}: the chain of crossbar operations, layer 0 first. */
public record LayerGraph(String source, List<CrossbarOp> ops) {
    public int[] widths() {
        int[] w = new int[ops.size() + 1];
        w[0] = ops.get(0).inputs();
        for (int l = 0; l < ops.size(); l++) w[l + 1] = ops.get(l).outputs();
        return w;
    }

    /** Logical weights (each needs two devices). */
    public long weightCount() {
        long n = 0;
        for (CrossbarOp op : ops) n += (long) op.inputs() * op.outputs();
        return n;
    }
}
