package io.crossbarlab.app.scheduler;

import io.crossbarlab.app.catalog.DatasetLoader;
import io.crossbarlab.app.job.Job;
import io.crossbarlab.app.job.JobProgress;
import io.crossbarlab.app.job.JobRepository;
import io.crossbarlab.app.job.JobState;
import io.crossbarlab.app.spec.Estimates;
import io.crossbarlab.app.spec.SimulationResult;
import io.crossbarlab.app.system.DatabaseFailures;
import io.crossbarlab.sim.data.TrainTestSplit;
import io.crossbarlab.sim.nn.Checkpoint;
import io.crossbarlab.sim.nn.EpochReport;
import io.crossbarlab.sim.nn.RunSpec;
import io.crossbarlab.sim.nn.SimulationSpec;
import io.crossbarlab.sim.nn.Trainer;
import io.crossbarlab.sim.nn.TrainingCancelledException;
import io.crossbarlab.sim.nn.TrainingListener;
import io.crossbarlab.sim.nn.TrainingResult;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one claimed job on the calling thread: rebuilds the simulator's spec from the stored one, trains,
 * and writes progress, epochs and the result, every write fenced by (node, attempt).
 */
@Component
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobRepository repository;
    private final JobProgress progress;
    private final DatasetLoader datasets;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration lease;
    private final Duration checkpointInterval;

    JobRunner(
            JobRepository repository,
            JobProgress progress,
            DatasetLoader datasets,
            JsonMapper json,
            Clock clock,
            SchedulerSettings settings) {
        this.repository = repository;
        this.progress = progress;
        this.datasets = datasets;
        this.json = json;
        this.clock = clock;
        this.lease = settings.lease();
        this.checkpointInterval = settings.checkpointInterval();
    }

    /**
     * A fenced write that must not be lost (an epoch, the end of the run), retried while the database
     * is unreachable. Returns the write's answer (false: this node no longer owns the job). If the
     * database stays away longer than a lease, the job's lease may have expired and the job been given
     * to another node: the run stops as lost, and the reaper's requeue takes over.
     */
    boolean durably(RunningJob r, String what, BooleanSupplier write) {
        long deadline = System.nanoTime() + lease.toNanos();
        long backoffMillis = 50;
        int failures = 0;
        while (true) {
            try {
                return write.getAsBoolean();
            } catch (RuntimeException e) {
                if (!DatabaseFailures.isTransient(e)) {
                    throw e;
                }
                if (r.lost) {
                    return false; // this node stopped (or lost the job) meanwhile: no more retries
                }
                if (System.nanoTime() > deadline) {
                    log.warn(
                            "job {} attempt {}: database unreachable for longer than the lease; {} not written, run stops",
                            r.id,
                            r.attempt,
                            what);
                    r.lost = true;
                    return false;
                }
                if (failures++ == 0) {
                    log.warn(
                            "job {} attempt {}: database unreachable, retrying {}: {}",
                            r.id,
                            r.attempt,
                            what,
                            e.toString());
                }
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    r.lost = true;
                    return false;
                }
                backoffMillis = Math.min(backoffMillis * 2, 1000);
            }
        }
    }

    /**
     * A read the run cannot do without, retried like a write ({@link #durably}); null when the run
     * was lost meanwhile.
     */
    private <T> T durableRead(RunningJob r, String what, Supplier<T> read) {
        AtomicReference<T> value = new AtomicReference<>();
        return durably(r, what, () -> {
                    value.set(read.get());
                    return true;
                })
                ? value.get()
                : null;
    }

    /** A run's resolved spec and its data. */
    private record Inputs(RunSpec run, TrainTestSplit data) {}

    /**
     * The checkpoint an earlier attempt left, read and checked; null when there is none or it cannot
     * be used (written by another simulator build, or unreadable), in which case it is dropped with
     * the epochs recorded so far and the run starts over.
     */
    private Checkpoint checkpoint(RunningJob r, String nodeId, RunSpec run, long perEpoch) {
        Optional<Integer> epoch = durableRead(r, "checkpoint lookup", () -> progress.checkpointEpoch(r.id));
        if (epoch == null || epoch.isEmpty()) {
            return null; // none, or lost while the database was away (the run then stops at once)
        }
        try {
            // a database failure in the middle of the stream reads the checkpoint again from its start
            Checkpoint c = durableRead(r, "checkpoint read", () -> {
                try (InputStream in = new BufferedInputStream(progress.openCheckpoint(r.id), 1 << 16)) {
                    return Checkpoint.readFrom(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (c == null) {
                return null;
            }
            if (c.epochsDone() != epoch.get()) {
                throw new IOException("checkpoint holds epoch " + c.epochsDone() + ", the job says " + epoch.get());
            }
            c.check(run);
            if (!durably(
                    r,
                    "resume",
                    () -> progress.resumed(
                            r.id, nodeId, r.attempt, c.epochsDone(), c.epochsDone() * perEpoch, clock.instant()))) {
                r.lost = true;
            }
            log.info("job {} attempt {} continues from the checkpoint after epoch {}", r.id, r.attempt, c.epochsDone());
            return c;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            log.warn(
                    "job {}: checkpoint after epoch {} not usable ({}); starting over",
                    r.id,
                    epoch.get(),
                    e.toString());
            if (!durably(r, "discard checkpoint", () -> progress.discardCheckpoint(r.id, nodeId, r.attempt))) {
                r.lost = true;
            }
            return null;
        }
    }

    /** Runs the job to its end; returns the state it ended in on this node. */
    JobState run(RunningJob r, String nodeId, SchedulerMetrics metrics) {
        try {
            // the spec, and the data set (an uploaded one is read from the database), retried together
            Inputs in = durableRead(r, "spec and data set read", () -> {
                Job job = repository.findById(r.id).orElseThrow();
                SimulationSpec spec = json.readValue(job.getSpec(), SimulationSpec.class);
                RunSpec rs = RunSpec.resolve(spec, job.getSeed(), datasets::info);
                return new Inputs(rs, datasets.load(rs.dataset()));
            });
            if (in == null) {
                return JobState.QUEUED;
            }
            RunSpec run = in.run();
            TrainTestSplit data = in.data();
            long perEpoch =
                    Math.min(data.train().count(), run.trainLimit() == null ? Integer.MAX_VALUE : run.trainLimit());
            Checkpoint from = checkpoint(r, nodeId, run, perEpoch);
            long[] lastCheckpoint = {System.nanoTime()};
            TrainingListener listener = new TrainingListener() {
                @Override
                public boolean wantsCheckpoint(int epoch) {
                    return !r.lost && System.nanoTime() - lastCheckpoint[0] >= checkpointInterval.toNanos();
                }

                @Override
                public void onCheckpoint(int epoch, Checkpoint c) {
                    if (!durably(
                            r,
                            "checkpoint " + epoch,
                            () -> progress.checkpoint(r.id, nodeId, r.attempt, epoch, c::writeTo, clock.instant()))) {
                        r.lost = true;
                    }
                    lastCheckpoint[0] = System.nanoTime();
                }

                @Override
                public void onEpoch(EpochReport e) {
                    long done = (long) e.epoch() * perEpoch;
                    if (!durably(
                            r,
                            "epoch " + e.epoch(),
                            () -> progress.epoch(r.id, nodeId, r.attempt, e, done, clock.instant()))) {
                        r.lost = true;
                    }
                }

                @Override
                public void onProgress(int epoch, long done, long total) {
                    metrics.examples(Trainer.PROGRESS_INTERVAL);
                    try {
                        if (!progress.progress(r.id, nodeId, r.attempt, epoch - 1, done)) {
                            r.lost = true;
                        }
                    } catch (RuntimeException e) {
                        if (!DatabaseFailures.isTransient(e)) {
                            throw e;
                        }
                        // progress is advisory: the next write brings it up to date
                    }
                }
            };
            TrainingResult result = from == null
                    ? Trainer.train(run, data.train(), data.test(), listener, r::shouldStop)
                    : Trainer.resume(run, data.train(), data.test(), listener, r::shouldStop, from);
            metrics.examples(result.counters().trainExamples() % Trainer.PROGRESS_INTERVAL);
            metrics.pulses(result.counters());
            if (r.lost) {
                // ownership was lost, or an epoch could not be stored: this run is not the job's
                // complete history, so it must not end the job (its lease expires and it is rerun)
                log.info("job {} attempt {} trained to the end but lost its job; result discarded", r.id, r.attempt);
                return JobState.QUEUED;
            }
            // stored without its epochs: job_epoch holds them, and readers attach them
            String doc = json.writeValueAsString(
                    SimulationResult.from(result, Estimates.ofRun(run, result)).withEpochs(List.of()));
            if (durably(
                    r,
                    "result",
                    () -> progress.succeed(r.id, nodeId, r.attempt, doc, result.weights(), clock.instant()))) {
                return JobState.SUCCEEDED;
            }
            log.info("job {} finished on {} after losing ownership; result discarded", r.id, nodeId);
            return JobState.QUEUED;
        } catch (TrainingCancelledException e) {
            if (r.lost) {
                return JobState.QUEUED;
            }
            if (r.timedOut && !r.cancelRequested) {
                String reason =
                        "exceeded its wall-time limit of " + r.wallTimeLimitSeconds + " s (attempt " + r.attempt + ")";
                durably(
                        r,
                        "failure",
                        () -> progress.finish(r.id, nodeId, r.attempt, JobState.FAILED, null, reason, clock.instant()));
                return JobState.FAILED;
            }
            durably(
                    r,
                    "cancellation",
                    () -> progress.finish(
                            r.id,
                            nodeId,
                            r.attempt,
                            JobState.CANCELLED,
                            null,
                            "cancelled: " + e.getMessage(),
                            clock.instant()));
            return JobState.CANCELLED;
        } catch (RuntimeException | OutOfMemoryError e) {
            if (DatabaseFailures.isTransient(e)) {
                // the database, not the simulation, failed, somewhere outside the retried reads and
                // writes: no verdict on the job. Its lease is no longer renewed, so it expires and the
                // job is requeued, on this node or another, as after a crash.
                log.warn(
                        "job {} attempt {}: stopped by a database failure; the job is requeued when its lease expires",
                        r.id,
                        r.attempt,
                        e);
                r.lost = true;
                return JobState.QUEUED;
            }
            log.warn("job {} attempt {} failed", r.id, r.attempt, e);
            if (!r.lost) {
                String reason = "simulation failed: "
                        + (e instanceof OutOfMemoryError
                                ? "out of memory (the job needs more heap than node " + nodeId + " has)"
                                : "an internal error; see the log of node " + nodeId);
                durably(
                        r,
                        "failure",
                        () -> progress.finish(r.id, nodeId, r.attempt, JobState.FAILED, null, reason, clock.instant()));
            }
            return JobState.FAILED;
        }
    }
}
