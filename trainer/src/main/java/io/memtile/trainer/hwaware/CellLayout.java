package io.memtile.trainer.hwaware;

/**
 * Where every weight's differential pair sits: for weight layer l and flat index k = j*inputs + i,
 * the tile, the word line, and the G+ and G- bit lines. The IR-drop attenuation of a cell depends
 * on its position along both lines and on the load of the tile it shares, so the transform needs
 * this. {@link #grid} is the compiler's grid placement (the model has not been compiled yet during
 * training); {@code memtile finetune} builds the layout of the actual program.
 *
 * @param tileRows per tile: word lines
 * @param tileCols per tile: bit lines
 * @param sensed   per tile: columns with a sense amplifier (used by some pair)
 * @param tile     [l][k] tile index
 * @param row      [l][k] word line
 * @param plusCol  [l][k] G+ bit line
 * @param minusCol [l][k] G- bit line
 */
public record CellLayout(int[] tileRows, int[] tileCols, boolean[][] sensed, int[][] tile, int[][] row, int[][] plusCol,
                         int[][] minusCol) {
    public int tiles() { return tileRows.length; }

    /**
     * The grid placement of {@code compiler.place.GridPacker} with the placement pass's column
     * assignment: layer l is cut into chunks of {@code rows} inputs x ((cols - spare)/2) outputs, one
     * tile each; input i of a chunk drives word line i - i0, output o uses columns 2o (G+) and 2o+1 (G-).
     */
    public static CellLayout grid(int[] layers, int rows, int cols, int spare) {
        int pairs = (cols - spare) / 2;
        if (pairs < 1) throw new IllegalArgumentException("a tile needs at least one usable column pair");
        int depth = layers.length - 1;
        int nt = 0;
        for (int l = 0; l < depth; l++) nt += ceil(layers[l], rows) * ceil(layers[l + 1], pairs);
        int[] tr = new int[nt], tc = new int[nt];
        boolean[][] sensed = new boolean[nt][];
        int[][] tile = new int[depth][], row = new int[depth][], pc = new int[depth][], mc = new int[depth][];
        int t = 0;
        for (int l = 0; l < depth; l++) {
            int nin = layers[l], nout = layers[l + 1];
            tile[l] = new int[nin * nout];
            row[l] = new int[nin * nout];
            pc[l] = new int[nin * nout];
            mc[l] = new int[nin * nout];
            for (int i0 = 0; i0 < nin; i0 += rows) {
                for (int o0 = 0; o0 < nout; o0 += pairs) {
                    tr[t] = rows;
                    tc[t] = cols;
                    sensed[t] = new boolean[cols];
                    for (int j = o0; j < Math.min(nout, o0 + pairs); j++) {
                        int o = j - o0;
                        sensed[t][2 * o] = true;
                        sensed[t][2 * o + 1] = true;
                        for (int i = i0; i < Math.min(nin, i0 + rows); i++) {
                            int k = j * nin + i;
                            tile[l][k] = t;
                            row[l][k] = i - i0;
                            pc[l][k] = 2 * o;
                            mc[l][k] = 2 * o + 1;
                        }
                    }
                    t++;
                }
            }
        }
        return new CellLayout(tr, tc, sensed, tile, row, pc, mc);
    }

    private static int ceil(int a, int b) { return (a + b - 1) / b; }
}
