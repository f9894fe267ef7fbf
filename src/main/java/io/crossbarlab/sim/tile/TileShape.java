package io.crossbarlab.sim.tile;

/**
 * How a fully connected layer maps onto crossbar tiles: (inputs + 1 bias row) x outputs cells, cut
 * into a grid of tiles of {@code tileRows x tileCols}.
 */
public final class TileShape {

    private TileShape() {}

    /** Tile rows needed by a layer with {@code inputs} inputs (one extra row holds the bias). */
    public static int rowBlocks(int inputs, int tileRows) {
        return ceilDiv(inputs + 1, tileRows);
    }

    public static int colBlocks(int outputs, int tileCols) {
        return ceilDiv(outputs, tileCols);
    }

    /** Tiles for one layer. */
    public static int tilesForLayer(int inputs, int outputs, int tileRows, int tileCols) {
        return rowBlocks(inputs, tileRows) * colBlocks(outputs, tileCols);
    }

    /** Tiles for a network given as layer sizes {@code [in, hidden..., out]}. */
    public static int tilesForNetwork(int[] layers, int tileRows, int tileCols) {
        int n = 0;
        for (int l = 0; l + 1 < layers.length; l++) {
            n += tilesForLayer(layers[l], layers[l + 1], tileRows, tileCols);
        }
        return n;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
