package io.crossbarlab.app.scheduler;

import io.crossbarlab.app.job.JobState;
import io.crossbarlab.sim.tile.EventCounters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scheduler's Prometheus metrics (names per docs: prefix crossbar_, base units, no per-job
 * labels).
 */
final class SchedulerMetrics {

    private final Map<JobState, AtomicLong> jobsByState = new EnumMap<>(JobState.class);
    private final Map<JobState, Counter> finished = new EnumMap<>(JobState.class);
    private final Timer queueWait;
    private final Timer runTime;
    private final Counter examples;
    private final Counter chargePulses;
    private final Counter dischargePulses;
    private final Counter pcmSetPulses;
    private final Counter pcmResetPulses;

    SchedulerMetrics(MeterRegistry registry, TilePool pool) {
        Gauge.builder("crossbar.tiles.capacity", pool, TilePool::capacity)
                .description("Tiles in this node's pool")
                .register(registry);
        Gauge.builder("crossbar.tiles.allocated", pool, TilePool::allocated)
                .description("Tiles of this node's pool held by running jobs")
                .register(registry);
        for (JobState s : JobState.values()) {
            AtomicLong v = new AtomicLong();
            jobsByState.put(s, v);
            Gauge.builder("crossbar.jobs", v, AtomicLong::get)
                    .description("Jobs in each state in the whole database, refreshed every heartbeat; every node "
                            + "reports the same count, so aggregate over nodes with max, not sum")
                    .tag("state", s.name())
                    .register(registry);
            if (s.isFinal()) {
                finished.put(
                        s,
                        Counter.builder("crossbar.jobs.finished")
                                .description("Jobs that reached a final state on this node")
                                .tag("state", s.name())
                                .register(registry));
            }
        }
        Duration[] buckets = {
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(15),
            Duration.ofSeconds(30),
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(6),
            Duration.ofHours(24)
        };
        queueWait = Timer.builder("crossbar.job.queue.wait")
                .description("Time from submission to start of a run")
                .serviceLevelObjectives(buckets)
                .register(registry);
        runTime = Timer.builder("crossbar.job.run")
                .description("Wall time of a run on its node")
                .serviceLevelObjectives(buckets)
                .register(registry);
        examples = Counter.builder("crossbar.sim.examples")
                .description("Training examples simulated")
                .register(registry);
        chargePulses = pulses(registry, "3t1c-charge");
        dischargePulses = pulses(registry, "3t1c-discharge");
        pcmSetPulses = pulses(registry, "pcm-set");
        pcmResetPulses = pulses(registry, "pcm-reset");
    }

    private static Counter pulses(MeterRegistry registry, String device) {
        return Counter.builder("crossbar.sim.pulses")
                .description("Device pulses applied in simulation, by device kind")
                .tag("device", device)
                .register(registry);
    }

    void jobCounts(Map<JobState, Long> counts) {
        counts.forEach((s, n) -> jobsByState.get(s).set(n));
    }

    void started(Duration waited) {
        queueWait.record(waited);
    }

    void finished(JobState state, Duration ran) {
        Counter c = finished.get(state);
        if (c != null) {
            c.increment();
        }
        runTime.record(ran);
    }

    void examples(long n) {
        examples.increment((double) n);
    }

    /** Adds the pulses of a finished run. */
    void pulses(EventCounters.Snapshot run) {
        chargePulses.increment((double) run.capChargePulses());
        dischargePulses.increment((double) run.capDischargePulses());
        pcmSetPulses.increment((double) run.pcmSetPulses());
        pcmResetPulses.increment((double) run.pcmResetPulses());
    }
}
