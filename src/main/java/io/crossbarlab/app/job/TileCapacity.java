package io.crossbarlab.app.job;

/**
 * What the tile pool of one node can hold, as the job service needs to know it at submit time.
 * Implemented by the scheduler, so that dependencies point from scheduler to job.
 */
public interface TileCapacity {

    /** Tiles of one node's pool. */
    int tilesPerNode();

    /** Pool tiles a network needs when mapped onto tiles of {@code tileRows x tileCols} cells. */
    int tilesRequired(int[] layers, int tileRows, int tileCols);
}
