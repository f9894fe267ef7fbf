package io.crossbarlab.app.scheduler;

import io.crossbarlab.app.job.TileCapacity;
import io.crossbarlab.sim.tile.TileShape;
import org.springframework.stereotype.Component;

/**
 * Maps a job's network onto the pool's tiles. A job tile of R x C cells that is larger than a pool
 * tile occupies ceil(R / poolRows) * ceil(C / poolCols) pool tiles; a smaller one still takes a
 * whole tile (tiles are not shared between jobs).
 */
@Component
class PoolCapacity implements TileCapacity {

    private final SchedulerSettings settings;

    PoolCapacity(SchedulerSettings settings) {
        this.settings = settings;
    }

    @Override
    public int tilesPerNode() {
        return settings.tiles();
    }

    @Override
    public int tilesRequired(int[] layers, int tileRows, int tileCols) {
        int perJobTile = ceilDiv(tileRows, settings.tileRows()) * ceilDiv(tileCols, settings.tileCols());
        long n = (long) TileShape.tilesForNetwork(layers, tileRows, tileCols) * perJobTile;
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    @Override
    public long heapPerJobBytes() {
        return settings.heapPerJobBytes();
    }

    @Override
    public long longJobWork() {
        return settings.longJobWork();
    }

    @Override
    public int tilesForLongJobs() {
        return settings.tilesForLongJobs();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
