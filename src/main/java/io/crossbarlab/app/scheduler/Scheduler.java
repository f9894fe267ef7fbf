package io.crossbarlab.app.scheduler;

import io.crossbarlab.app.job.JobEvents;
import io.crossbarlab.app.job.JobLeases;
import io.crossbarlab.app.job.JobService;
import io.crossbarlab.app.job.JobState;
import io.crossbarlab.app.job.QuotaSettings;
import io.crossbarlab.app.system.DatabaseFailures;
import io.crossbarlab.app.system.NodeRole;
import io.crossbarlab.app.system.RoleSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This node's scheduler: a claim loop that places queued jobs on free tiles, a heartbeat that renews
 * leases and reaps jobs of dead nodes, and a bounded pool of simulation threads.
 *
 * <p>Claiming locks queued rows with {@code FOR UPDATE SKIP LOCKED} in priority, then submission
 * order, and fits them greedily into the free tiles. Smaller jobs may overtake (backfill) a head job
 * that does not fit, but only for {@code backfillWindow}: after that the node starts nothing else
 * until the head job fits, so a large job cannot starve. A pass that fails gives back the tiles it set
 * aside; a job whose RUNNING write fails for a reason other than an outage is passed over for one
 * lease, so one bad row cannot stall the queue behind it.
 */
@Component
public class Scheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    private static final int CLAIM_BATCH = 64;

    private final SchedulerSettings settings;
    private final JobLeases leases;
    private final JobService jobs;
    private final NodeRegistry nodes;
    private final JobRunner runner;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final TilePool pool;
    private final SchedulerMetrics metrics;
    private final NodeRole role;
    private final QuotaSettings quotas;
    private final Map<UUID, RunningJob> running = new ConcurrentHashMap<>();
    private final AtomicInteger busyThreads = new AtomicInteger();
    /** Jobs whose RUNNING write failed for a reason other than an outage, and until when to pass them over. */
    private final Map<UUID, Instant> claimRefused = new ConcurrentHashMap<>();

    private final Object wake = new Object();
    private boolean wakeRequested;
    private volatile boolean started;
    private volatile boolean ready;
    private ExecutorService simulations;
    private ScheduledExecutorService heartbeat;
    private volatile Thread claimLoop;

    Scheduler(
            SchedulerSettings settings,
            JobLeases leases,
            JobService jobs,
            NodeRegistry nodes,
            JobRunner runner,
            TransactionTemplate tx,
            Clock clock,
            MeterRegistry registry,
            RoleSettings role,
            QuotaSettings quotas) {
        this.quotas = quotas;
        this.settings = settings;
        this.role = role.role();
        this.leases = leases;
        this.jobs = jobs;
        this.nodes = nodes;
        this.runner = runner;
        this.tx = tx;
        this.clock = clock;
        this.pool = new TilePool(settings.tiles());
        this.metrics = new SchedulerMetrics(registry, pool);
    }

    public TilePool pool() {
        return pool;
    }

    public String nodeId() {
        return settings.nodeId();
    }

    /** Starts scheduling once the application is ready (schema migrated, web server up). */
    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        if (!role.runsJobs()) {
            log.info("node {} has role {}: it runs no jobs and registers no tiles", settings.nodeId(), role);
            return;
        }
        Instant now = clock.instant();
        nodes.register(settings, now);
        List<UUID> released = leases.releaseOwnedBy(settings.nodeId(), now);
        if (!released.isEmpty()) {
            log.info(
                    "node {} restarted: released {} job(s) it had left running: {}",
                    settings.nodeId(),
                    released.size(),
                    released);
        }
        ready = true;
        startThreads();
    }

    /**
     * Starts the claim loop, heartbeat and simulation pool (again, after a lifecycle stop). The
     * heartbeat's future is not kept: {@link #beat()} catches what it throws, so only the executor's
     * shutdown ends the periodic task.
     */
    @SuppressWarnings("FutureReturnValueIgnored")
    private synchronized void startThreads() {
        if (started) {
            return;
        }
        simulations = Executors.newFixedThreadPool(settings.simulationThreads(), named("crossbar-sim-"));
        heartbeat = Executors.newSingleThreadScheduledExecutor(named("crossbar-heartbeat-"));
        heartbeat.scheduleWithFixedDelay(this::beat, 0, settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        started = true;
        claimLoop = named("crossbar-claim-").newThread(this::claimLoop);
        claimLoop.start();
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @EventListener
    public void onSubmitted(JobEvents.Submitted e) {
        wakeUp();
    }

    @EventListener
    public void onCancelRequested(JobEvents.CancelRequested e) {
        RunningJob r = running.get(e.jobId());
        if (r != null) {
            r.cancelRequested = true;
        }
    }

    void wakeUp() {
        synchronized (wake) {
            wakeRequested = true;
            wake.notifyAll();
        }
    }

    private void claimLoop() {
        // one claim loop per node: a loop whose stop() was followed by a start() before it saw the stop
        // ends here rather than run beside its successor (two loops could both claim under one quota)
        while (started && Thread.currentThread() == claimLoop) {
            try {
                claimOnce();
            } catch (RuntimeException e) {
                if (started) {
                    log.warn("claim failed: {}", e.toString());
                }
            }
            synchronized (wake) {
                if (!wakeRequested && started) {
                    try {
                        wake.wait(settings.pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                wakeRequested = false;
            }
        }
    }

    /** One pass of the claim loop; returns the jobs it started. */
    List<UUID> claimOnce() {
        if (pool.free() == 0 || busyThreads.get() >= settings.simulationThreads()) {
            return List.of();
        }
        List<RunningJob> claimed = new ArrayList<>();
        try {
            tx.executeWithoutResult(status -> {
                Instant now = clock.instant();
                claimRefused.values().removeIf(until -> !now.isBefore(until));
                List<JobLeases.Candidate> candidates = leases.lockQueued(CLAIM_BATCH);
                // tiles each capped sweep may still take, read (and its row locked) once per pass
                Map<UUID, OptionalInt> sweepLeft = new HashMap<>();
                // tiles each owner may still take under the running-tiles quota, read once per pass
                Map<String, Integer> ownerLeft = new HashMap<>();
                int ownerCap = quotas.runningTiles();
                boolean headBlocked = false;
                long longRunning =
                        running.values().stream().filter(r -> r.longJob).count();
                for (int k = 0; k < candidates.size(); k++) {
                    if (busyThreads.get() + claimed.size() >= settings.simulationThreads()) {
                        break;
                    }
                    JobLeases.Candidate c = candidates.get(k);
                    if (claimRefused.containsKey(c.id())) {
                        continue;
                    }
                    boolean longJob = c.work() > settings.longJobWork();
                    if (longJob && settings.simulationThreads() >= 2) {
                        // short jobs keep a thread and the reserved tiles: a long job waits instead
                        long longClaimed =
                                claimed.stream().filter(r -> r.longJob).count();
                        if (longRunning + longClaimed >= settings.simulationThreads() - 1
                                || pool.free() - c.tilesRequired() < settings.reservedTiles()) {
                            continue;
                        }
                    }
                    OptionalInt left = OptionalInt.empty();
                    if (c.sweepId() != null) {
                        // a sweep with a tile cap holds at most that many tiles at once, over all nodes
                        left = sweepLeft.computeIfAbsent(c.sweepId(), leases::sweepTilesLeft);
                        if (left.isPresent() && left.getAsInt() < c.tilesRequired()) {
                            continue;
                        }
                    }
                    if (ownerCap > 0
                            && ownerLeft.computeIfAbsent(c.owner(), o -> ownerCap - leases.ownerTilesHeld(o))
                                    < c.tilesRequired()) {
                        continue; // its owner holds its quota of tiles: it waits, the queue behind it moves
                    }
                    int[] tiles = pool.allocate(c.tilesRequired());
                    if (tiles == null) {
                        if (k == 0 && Duration.between(c.createdAt(), now).compareTo(settings.backfillWindow()) > 0) {
                            headBlocked = true; // drain: start nothing until the head job fits
                            break;
                        }
                        continue;
                    }
                    Optional<Integer> attempt;
                    try {
                        attempt = leases.markRunning(
                                c.id(), settings.nodeId(), TilePool.format(tiles), now, now.plus(settings.lease()));
                    } catch (RuntimeException e) {
                        // the pass fails and its transaction rolls back: these tiles were never the job's
                        pool.release(tiles);
                        if (!DatabaseFailures.isTransient(e)) {
                            // not an outage but this job's own write: let the queue behind it move on
                            Instant until = now.plus(settings.lease());
                            claimRefused.put(c.id(), until);
                            log.warn(
                                    "job {} could not be claimed; passed over until {}: {}",
                                    c.id(),
                                    until,
                                    e.toString());
                        }
                        throw e;
                    }
                    if (attempt.isEmpty()) {
                        pool.release(tiles);
                        continue;
                    }
                    if (left.isPresent()) {
                        sweepLeft.put(c.sweepId(), OptionalInt.of(left.getAsInt() - c.tilesRequired()));
                    }
                    if (ownerCap > 0) {
                        ownerLeft.merge(c.owner(), -c.tilesRequired(), Integer::sum);
                    }
                    claimed.add(new RunningJob(
                            c.id(), attempt.get(), tiles, c.createdAt(), longJob, c.wallTimeLimitSeconds()));
                }
                if (headBlocked && log.isDebugEnabled()) {
                    log.debug("head job waits past the backfill window; draining tiles");
                }
            });
        } catch (RuntimeException e) {
            for (RunningJob r : claimed) {
                pool.release(r.tiles);
            }
            throw e;
        }
        for (RunningJob r : claimed) {
            running.put(r.id, r);
            busyThreads.incrementAndGet();
            metrics.started(Duration.between(r.createdAt, clock.instant()));
            simulations.execute(() -> run(r));
        }
        return claimed.stream().map(r -> r.id).toList();
    }

    private void run(RunningJob r) {
        Instant start = clock.instant();
        JobState end = JobState.FAILED;
        try {
            end = runner.run(r, settings.nodeId(), metrics);
        } catch (RuntimeException | Error e) {
            log.error("run of job {} ended abnormally", r.id, e);
            throw e;
        } finally {
            running.remove(r.id);
            pool.release(r.tiles);
            busyThreads.decrementAndGet();
            metrics.finished(end, Duration.between(start, clock.instant()));
            wakeUp();
        }
    }

    /** Heartbeat: node liveness, lease renewal, cancel propagation, reaping of dead nodes' jobs. */
    void beat() {
        try {
            Instant now = clock.instant();
            nodes.heartbeat(settings.nodeId(), now);
            // Take the snapshot first: a job claimed after it is neither renewed nor judged in this beat
            // (judging it against a query that ran before its claim committed would wrongly find it lost).
            List<RunningJob> snapshot = List.copyOf(running.values());
            List<JobLeases.Owned> owned = leases.renewLeases(
                    settings.nodeId(), snapshot.stream().map(r -> r.id).toList(), now.plus(settings.lease()));
            Map<UUID, JobLeases.Owned> byId = new HashMap<>();
            owned.forEach(o -> byId.put(o.id(), o));
            for (RunningJob r : snapshot) {
                JobLeases.Owned o = byId.get(r.id);
                if (o == null || o.attempt() != r.attempt) {
                    if (!r.lost) {
                        log.warn(
                                "job {} (attempt {}) is no longer held by node {}; stopping its run",
                                r.id,
                                r.attempt,
                                settings.nodeId());
                    }
                    r.lost = true; // requeued elsewhere: stop, and write nothing more
                } else if (o.state() == JobState.CANCELLING) {
                    r.cancelRequested = true;
                }
            }
            if (!leases.reapExpired(now).isEmpty()) {
                wakeUp();
            }
            metrics.jobCounts(jobs.countByState());
        } catch (RuntimeException e) {
            log.warn("heartbeat failed: {}", e.toString());
        }
    }

    /** Jobs currently running on this node. */
    public int runningCount() {
        return running.size();
    }

    /** A lifecycle start after a stop (e.g. a paused test context resumed) restarts the threads. */
    @Override
    public void start() {
        if (ready) {
            startThreads();
        }
    }

    @Override
    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        wakeUp();
        // an interrupt of this thread is restored only at the end, after its last database write
        boolean interrupted = false;
        Thread loop = claimLoop;
        if (loop != null && loop != Thread.currentThread()) {
            try {
                loop.join(10_000); // its pass ends within one transaction
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        // No thread is interrupted: an interrupt that lands in a file read or write of the embedded H2
        // database closes its file channel, and H2 then closes the whole database for every thread
        // (ClosedByInterruptException; a paused test context stopped this node mid-heartbeat). The
        // heartbeat's periodic task ends with shutdown(), and simulations stop on their flag.
        if (heartbeat != null) {
            heartbeat.shutdown();
            interrupted |= !awaitTermination(heartbeat);
        }
        if (simulations != null) {
            // Running simulations stop at their next example; their jobs are released at the next start
            // of this node, or reaped by another node when the lease expires.
            running.values().forEach(r -> r.lost = true);
            simulations.shutdown();
            interrupted |= !awaitTermination(simulations);
            try {
                leases.releaseOwnedBy(settings.nodeId(), clock.instant());
            } catch (RuntimeException e) {
                log.warn(
                        "could not release jobs at shutdown; the next start or another node's reaper will: {}",
                        e.toString());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to 10 s for the executor's threads to end; false if this thread was interrupted. */
    private static boolean awaitTermination(ExecutorService executor) {
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        // stop before the web server and the data source
        return Integer.MAX_VALUE - 1000;
    }
}
