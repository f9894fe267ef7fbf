package io.crossbarlab.app.scheduler;

import io.crossbarlab.app.catalog.DatasetLoader;
import io.crossbarlab.app.job.EpochRow;
import io.crossbarlab.app.job.Job;
import io.crossbarlab.app.job.JobRepository;
import io.crossbarlab.app.job.JobState;
import io.crossbarlab.app.job.JobStore;
import io.crossbarlab.app.spec.SimulationResult;
import io.crossbarlab.app.spec.SimulationSpec;
import io.crossbarlab.sim.data.TrainTestSplit;
import io.crossbarlab.sim.nn.EpochReport;
import io.crossbarlab.sim.nn.RunSpec;
import io.crossbarlab.sim.nn.Trainer;
import io.crossbarlab.sim.nn.TrainingCancelledException;
import io.crossbarlab.sim.nn.TrainingListener;
import io.crossbarlab.sim.nn.TrainingResult;
import java.time.Clock;
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
    private final JobStore store;
    private final DatasetLoader datasets;
    private final JsonMapper json;
    private final Clock clock;
    private final ResultFactory results;

    JobRunner(
            JobRepository repository,
            JobStore store,
            DatasetLoader datasets,
            JsonMapper json,
            Clock clock,
            ResultFactory results) {
        this.repository = repository;
        this.store = store;
        this.datasets = datasets;
        this.json = json;
        this.clock = clock;
        this.results = results;
    }

    /** Runs the job to its end; returns the state it ended in on this node. */
    JobState run(RunningJob r, String nodeId, SchedulerMetrics metrics) {
        try {
            Job job = repository.findById(r.id).orElseThrow();
            SimulationSpec spec = json.readValue(job.getSpec(), SimulationSpec.class);
            RunSpec run = RunSpec.resolve(spec.toRequest(), job.getSeed());
            TrainTestSplit data = datasets.load(run.dataset());
            TrainingResult result = Trainer.train(
                    run,
                    data.train(),
                    data.test(),
                    new TrainingListener() {
                        @Override
                        public void onEpoch(EpochReport e) {
                            EpochRow row = new EpochRow(
                                    e.epoch(),
                                    e.trainAccuracy(),
                                    e.trainLoss(),
                                    e.testAccuracy(),
                                    e.testLoss(),
                                    e.seconds());
                            long done = (long) e.epoch()
                                    * Math.min(
                                            data.train().count(),
                                            run.trainLimit() == null ? Integer.MAX_VALUE : run.trainLimit());
                            if (!store.epoch(
                                    r.id,
                                    nodeId,
                                    r.attempt,
                                    row,
                                    done,
                                    clock.instant(),
                                    json.writeValueAsString(SimulationResult.EpochMetrics.from(e)))) {
                                r.lost = true;
                            }
                        }

                        @Override
                        public void onProgress(int epoch, long done, long total) {
                            metrics.examples(Trainer.PROGRESS_INTERVAL);
                            if (!store.progress(r.id, nodeId, r.attempt, epoch - 1, done)) {
                                r.lost = true;
                            }
                        }
                    },
                    r::shouldStop);
            metrics.examples(result.counters().trainExamples() % Trainer.PROGRESS_INTERVAL);
            metrics.pulses(result.counters());
            SimulationResult doc = results.of(run, result);
            if (store.finish(
                    r.id,
                    nodeId,
                    r.attempt,
                    JobState.SUCCEEDED,
                    json.writeValueAsString(doc),
                    "finished",
                    clock.instant())) {
                return JobState.SUCCEEDED;
            }
            log.info("job {} finished on {} after losing ownership; result discarded", r.id, nodeId);
            return JobState.QUEUED;
        } catch (TrainingCancelledException e) {
            if (r.lost) {
                return JobState.QUEUED;
            }
            store.finish(
                    r.id, nodeId, r.attempt, JobState.CANCELLED, null, "cancelled: " + e.getMessage(), clock.instant());
            return JobState.CANCELLED;
        } catch (RuntimeException | OutOfMemoryError e) {
            log.warn("job {} failed: {}", r.id, e.toString());
            if (!r.lost) {
                store.finish(
                        r.id, nodeId, r.attempt, JobState.FAILED, null, "simulation failed: " + e, clock.instant());
            }
            return JobState.FAILED;
        }
    }
}
