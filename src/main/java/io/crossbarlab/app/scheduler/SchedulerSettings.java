package io.crossbarlab.app.scheduler;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * This node's tile pool and scheduling rhythm ({@code crossbar.scheduler.*}).
 *
 * @param nodeId stable name of this service instance; jobs it left RUNNING are requeued when an
 *     instance of the same name starts
 * @param tiles tiles in this node's pool (M)
 * @param tileRows rows of every tile of the pool
 * @param tileCols columns of every tile of the pool
 * @param simulationThreads jobs that simulate at the same time on this node
 * @param heartbeat how often the node renews its heartbeat and its jobs' leases
 * @param lease how long a job's lease lasts without renewal; past it the job's node is presumed dead
 * @param pollInterval how often the claim loop looks for queued jobs when nothing wakes it
 * @param maxAttempts attempts before a job whose node keeps dying is failed
 * @param backfillWindow how long the job at the head of the queue may be overtaken by smaller jobs
 *     before the node stops backfilling and drains tiles for it
 * @param longJobWork work (synapse-examples) above which a job is long; a long job never takes the
 *     node's last simulation thread nor its reserved tiles, so short jobs keep flowing beside it
 * @param reservedTiles tiles of the pool a long job never takes (when the node has two or more threads)
 * @param heapPerJob heap one job may take; a job whose estimated heap is larger is refused at
 *     submission. Empty: 80 % of the heap above 128 MB, shared by the simulation threads
 * @param checkpointInterval a running job stores its state at the end of an epoch once this long has
 *     passed since its start or its last checkpoint, so that a new attempt after a node dies
 *     continues from there; empty: 60 s. Zero: after every epoch
 */
@Validated
@ConfigurationProperties("crossbar.scheduler")
public record SchedulerSettings(
        @NotBlank String nodeId,
        @Min(1) @Max(100_000) int tiles,
        @Min(8) @Max(4096) int tileRows,
        @Min(8) @Max(4096) int tileCols,
        @Min(1) @Max(256) int simulationThreads,
        Duration heartbeat,
        Duration lease,
        Duration pollInterval,
        @Min(1) @Max(100) int maxAttempts,
        Duration backfillWindow,
        @Min(1) long longJobWork,
        @Min(0) int reservedTiles,
        DataSize heapPerJob,
        Duration checkpointInterval) {

    public SchedulerSettings {
        checkpointInterval = checkpointInterval == null ? Duration.ofSeconds(60) : checkpointInterval;
    }

    /** Heap one job may take: {@link #heapPerJob}, or its share of this JVM's heap. */
    public long heapPerJobBytes() {
        if (heapPerJob != null) {
            return heapPerJob.toBytes();
        }
        long usable = Runtime.getRuntime().maxMemory() - 128L * 1024 * 1024;
        return Math.max(0, (long) (usable * 0.8) / simulationThreads);
    }

    /** Tiles a long job may hold on this node. */
    public int tilesForLongJobs() {
        return simulationThreads >= 2 ? Math.max(0, tiles - reservedTiles) : tiles;
    }
}
