package io.crossbarlab.app.job;

import io.crossbarlab.sim.nn.SimulationSpec;
import java.util.Map;

/**
 * A submission as the job service takes it.
 *
 * @param name optional display name
 * @param labels free-form labels for filtering
 * @param priority higher runs first
 * @param spec what to simulate
 * @param idempotencyKey optional Idempotency-Key header
 * @param requestHash hash of the request body, to tell a replay from a reuse of the key
 * @param floatingPointBaseline also queue the same spec and seed in floating point, linked as baseline
 * @param wallTimeSeconds wall-time limit of each attempt, or null for the service's default
 * @param reuse answer from a finished job with the same resolved spec, seed and simulator version
 */
public record SubmitCommand(
        String name,
        Map<String, String> labels,
        int priority,
        SimulationSpec spec,
        String idempotencyKey,
        String requestHash,
        boolean floatingPointBaseline,
        Long wallTimeSeconds,
        boolean reuse) {

    /** The same submission with another Idempotency-Key (the service scopes keys by owner). */
    public SubmitCommand withIdempotencyKey(String key) {
        return new SubmitCommand(
                name, labels, priority, spec, key, requestHash, floatingPointBaseline, wallTimeSeconds, reuse);
    }
}
