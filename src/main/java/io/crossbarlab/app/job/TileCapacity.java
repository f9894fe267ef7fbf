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

    /** Heap one job may take on a node (its share when every simulation thread runs a job). */
    long heapPerJobBytes();

    /** Work (synapse-examples) above which a job is long: it never takes a node's last thread. */
    long longJobWork();

    /** Tiles a long job may hold: a node keeps the rest for short jobs. */
    int tilesForLongJobs();
}
