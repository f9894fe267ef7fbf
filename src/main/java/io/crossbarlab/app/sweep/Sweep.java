package io.crossbarlab.app.sweep;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A stored sweep: what was asked. Its state and results are derived from its jobs.
 *
 * @param id the sweep
 * @param name display name, or null
 * @param labels its labels (each of its jobs carries them too)
 * @param createdAt submission time
 * @param base the unresolved base spec as JSON text
 * @param seeds the seeds each point runs with, in the order given (extending appends)
 * @param priority scheduling priority of its jobs
 * @param maxTiles the most tiles its held jobs may take at once, or null
 * @param reuse whether its runs are answered from finished jobs where possible
 * @param wallTimeSeconds wall-time limit of each run's attempt, or null for the default
 * @param cancelledAt when it was cancelled, or null
 * @param points each point's assignments (path to JSON value), by point index
 */
public record Sweep(
        UUID id,
        String name,
        Map<String, String> labels,
        Instant createdAt,
        String base,
        List<Long> seeds,
        int priority,
        Integer maxTiles,
        boolean reuse,
        Long wallTimeSeconds,
        Instant cancelledAt,
        List<Map<String, JsonNode>> points) {}
