package io.crossbarlab.app.job;

import io.crossbarlab.app.catalog.DatasetLoader;
import io.crossbarlab.app.catalog.DeviceTables;
import io.crossbarlab.app.security.Caller;
import io.crossbarlab.app.system.DurableCommits;
import io.crossbarlab.app.system.Hashes;
import io.crossbarlab.app.system.LimitExceeded;
import io.crossbarlab.app.system.SignedTokens;
import io.crossbarlab.sim.Simulator;
import io.crossbarlab.sim.cell.Scheme;
import io.crossbarlab.sim.data.DatasetCatalog;
import io.crossbarlab.sim.nn.EpochReport;
import io.crossbarlab.sim.nn.Footprint;
import io.crossbarlab.sim.nn.RunSpec;
import io.crossbarlab.sim.nn.SimulationSpec;
import io.crossbarlab.sim.preset.InvalidSpecException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Submitting, reading, listing and cancelling jobs. */
@Service
public class JobService {

    private final JobSubmissions submissions;
    private final JobQueries queries;
    private final JobRepository repository;
    private final TileCapacity capacity;
    private final DatasetLoader datasets;
    private final DeviceTables deviceTables;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JsonMapper json;
    private final JsonMapper canonical;
    private final int maxAttempts;
    private final Counter submitted;
    private final SecureRandom seeds = new SecureRandom();
    private final SignedTokens tokens;
    private final DurableCommits durable;
    private final TransactionTemplate tx;
    private final LimitSettings limits;
    private final Quotas quotas;

    public JobService(
            JobSubmissions submissions,
            JobQueries queries,
            JobRepository repository,
            TileCapacity capacity,
            DatasetLoader datasets,
            DeviceTables deviceTables,
            ApplicationEventPublisher events,
            Clock clock,
            JsonMapper json,
            MeterRegistry meters,
            SignedTokens tokens,
            DurableCommits durable,
            TransactionTemplate tx,
            LimitSettings limits,
            Quotas quotas,
            @org.springframework.beans.factory.annotation.Value("${crossbar.scheduler.max-attempts:3}")
                    int maxAttempts) {
        this.submissions = submissions;
        this.queries = queries;
        this.repository = repository;
        this.capacity = capacity;
        this.datasets = datasets;
        this.deviceTables = deviceTables;
        this.events = events;
        this.clock = clock;
        this.json = json;
        this.canonical = json.rebuild()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .build();
        this.maxAttempts = maxAttempts;
        this.tokens = tokens;
        this.durable = durable;
        this.tx = tx;
        this.limits = limits;
        this.quotas = quotas;
        this.submitted = Counter.builder("crossbar.jobs.submitted")
                .description("Jobs accepted for scheduling")
                .register(meters);
    }

    /** The outcome of a submission: the job, and whether it is a replay of an earlier request. */
    public record Submission(Job job, boolean replayed) {}

    /**
     * Validates and queues a job. Throws {@link InvalidSpecException} for bad input (400), {@link
     * JobExceptions.TooLarge} when it can never fit a node (422).
     */
    public Submission submit(SubmitCommand submitted) {
        Caller caller = Caller.current();
        // one owner's key never replays (or blocks) another owner's submission
        SubmitCommand cmd = submitted.idempotencyKey() != null
                        && !caller.owner().equals(Caller.ANONYMOUS_OWNER)
                ? submitted.withIdempotencyKey(Hashes.sha256(caller.owner() + "\n" + submitted.idempotencyKey()))
                : submitted;
        if (cmd.idempotencyKey() != null) {
            Optional<Submission> replay = replay(cmd);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Prepared prepared = prepare(cmd);
        try {
            quotas.admit(queuedBy(List.of(prepared)), () -> {
                tx.executeWithoutResult(status -> insert(List.of(prepared)));
                return null;
            });
        } catch (DuplicateKeyException e) {
            if (cmd.idempotencyKey() == null) {
                throw e;
            }
            return replay(cmd).orElseThrow(() -> new JobExceptions.KeyInFlight(cmd.idempotencyKey()));
        }
        announce(List.of(prepared));
        Job job = prepared.job();
        return new Submission(job.getReusedFrom() == null ? job : get(job.getId()), false);
    }

    /**
     * A job (and its floating-point twin, or null) validated, admitted against the limits and with its
     * reuse decided, not yet stored.
     */
    public record Prepared(Job job, Job twin) {}

    /**
     * Validates and admits a submission without storing it. Throws {@link InvalidSpecException} for bad
     * input, {@link LimitExceeded} past a limit and {@link JobExceptions.TooLarge} when it can never fit
     * a node. The submission's Idempotency-Key is not looked at here.
     */
    public Prepared prepare(SubmitCommand cmd) {
        RunSpec run = resolve(cmd.spec(), seeds.nextLong() >>> 1);
        RunSpec twinRun = null;
        if (cmd.floatingPointBaseline()) {
            if (run.scheme() == Scheme.FLOATING_POINT) {
                throw new InvalidSpecException(
                        "floatingPointBaseline", "the job already runs in floating point; it is its own baseline");
            }
            SimulationSpec s = cmd.spec();
            twinRun = resolve(
                    new SimulationSpec(
                            s.dataset(),
                            s.network(),
                            // floating point has no devices to drift: the twin trains, it does not run inference
                            s.training() == null
                                    ? null
                                    : new SimulationSpec.TrainingSpec(
                                            s.training().epochs(), s.training().learningRate()),
                            new SimulationSpec.DeviceSpec(Scheme.FLOATING_POINT.name(), null, null),
                            s.hardware(),
                            run.seed()),
                    run.seed());
        }
        Map<String, String> labels = cmd.labels() == null ? Map.of() : new TreeMap<>(cmd.labels());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Job job = queued(run, cmd.name(), cmd.priority(), labels, now, cmd.idempotencyKey(), cmd.requestHash())
                .withCost(admit(run, cmd.wallTimeSeconds()), wallTimeSeconds(cmd.wallTimeSeconds()));
        Job twin = twinRun == null
                ? null
                : queued(twinRun, baselineName(cmd.name()), cmd.priority(), labels, now, null, null)
                        .withCost(admit(twinRun, cmd.wallTimeSeconds()), wallTimeSeconds(cmd.wallTimeSeconds()));
        String owner = Caller.current().owner();
        job.ownedBy(owner);
        if (twin != null) {
            twin.ownedBy(owner);
            Job.linkBaseline(job, twin);
        }
        if (cmd.reuse()) {
            // memoised runs: a run is a pure function of (resolved spec, seed, simulator version)
            reusable(job).ifPresent(job::reusing);
            if (twin != null) {
                reusable(twin).ifPresent(twin::reusing);
            }
        }
        return new Prepared(job, twin);
    }

    /** How many jobs storing {@code prepared} queues (memoised ones are stored SUCCEEDED). */
    public static int queuedBy(List<Prepared> prepared) {
        int n = 0;
        for (Prepared p : prepared) {
            n += p.job().getReusedFrom() == null ? 1 : 0;
            n += p.twin() != null && p.twin().getReusedFrom() == null ? 1 : 0;
        }
        return n;
    }

    /** Stores prepared jobs; runs in the caller's transaction (a sweep stores its row in the same one). */
    public void insert(List<Prepared> prepared) {
        for (Prepared p : prepared) {
            submissions.insert(p.job());
            if (p.twin() != null) {
                submissions.insert(p.twin());
            }
        }
    }

    /** After the transaction that stored {@code prepared} committed: made durable, counted, and announced. */
    public void announce(List<Prepared> prepared) {
        durable.flush(); // the 202 that follows means the jobs are on disk
        for (Prepared p : prepared) {
            for (Job j : p.twin() == null ? List.of(p.job()) : List.of(p.job(), p.twin())) {
                submitted.increment();
                events.publishEvent(new JobEvents.Submitted(j.getId()));
            }
        }
    }

    private Optional<UUID> reusable(Job j) {
        return submissions.findReusable(j.getSpecHash(), j.getSeed(), j.getSimulatorVersion());
    }

    /**
     * Checks what a run would cost against the limits, and returns its work. Every refusal is a 422
     * naming the limit, its value and the request field to change.
     */
    private long admit(RunSpec run, Long wallTimeSeconds) {
        Footprint f = Footprint.of(run, trainExamples(run));
        long heap = capacity.heapPerJobBytes();
        if (f.heapBytes() > heap) {
            throw new LimitExceeded(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "crossbar.scheduler.heap-per-job",
                    heap,
                    "network.layers",
                    String.format(
                            java.util.Locale.ROOT,
                            "the network needs about %.0f MB of heap (%d synapses in %s); a job may take at most %.0f MB on these nodes",
                            f.heapBytes() / 1e6,
                            f.synapses(),
                            run.scheme(),
                            heap / 1e6));
        }
        if (f.work() > limits.maxWork()) {
            throw new LimitExceeded(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "crossbar.limits.max-work",
                    limits.maxWork(),
                    "training.epochs",
                    "the job's work is " + f.work() + " synapse-examples (synapses x training examples x epochs); "
                            + "a job may have at most " + limits.maxWork());
        }
        if (wallTimeSeconds == null && f.work() > limits.maxWorkWithoutWallTime()) {
            throw new LimitExceeded(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "crossbar.limits.max-work-without-wall-time",
                    limits.maxWorkWithoutWallTime(),
                    "limits.wallTimeSeconds",
                    "the job's work is " + f.work() + " synapse-examples; above " + limits.maxWorkWithoutWallTime()
                            + " a job must state its wall-time limit (limits.wallTimeSeconds, at most "
                            + limits.maxWallTime().toSeconds() + ")");
        }
        int tiles = capacity.tilesRequired(run.layerArray(), run.tileRows(), run.tileCols());
        if (f.work() > capacity.longJobWork() && tiles > capacity.tilesForLongJobs()) {
            throw new LimitExceeded(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "crossbar.scheduler.reserved-tiles",
                    capacity.tilesPerNode() - capacity.tilesForLongJobs(),
                    "network.layers",
                    "a long job (more than " + capacity.longJobWork() + " synapse-examples) may hold at most "
                            + capacity.tilesForLongJobs() + " of a node's " + capacity.tilesPerNode()
                            + " tiles (the rest is kept for short jobs); this one needs " + tiles);
        }
        return f.work();
    }

    private long wallTimeSeconds(Long requested) {
        if (requested == null) {
            return limits.defaultWallTime().toSeconds();
        }
        long max = limits.maxWallTime().toSeconds();
        if (requested < 1 || requested > max) {
            throw new InvalidSpecException(
                    "limits.wallTimeSeconds", "must be between 1 and " + max + " seconds (was " + requested + ")");
        }
        return requested;
    }

    /** Validates a spec, and that this service can run it (its data set is here, it fits a node). */
    private RunSpec resolve(SimulationSpec spec, long defaultSeed) {
        RunSpec run = RunSpec.resolve(deviceTables.expand(spec), defaultSeed, datasets::info);
        if (!datasets.available(run.dataset())) {
            throw new InvalidSpecException(
                    "dataset.name", "dataset '" + run.dataset() + "' has no directory configured on this service");
        }
        int tiles = capacity.tilesRequired(run.layerArray(), run.tileRows(), run.tileCols());
        if (tiles > capacity.tilesPerNode()) {
            throw new JobExceptions.TooLarge(tiles, capacity.tilesPerNode());
        }
        return run;
    }

    private Job queued(
            RunSpec run,
            String name,
            int priority,
            Map<String, String> labels,
            Instant now,
            String idempotencyKey,
            String requestHash) {
        SimulationSpec full = SimulationSpec.from(run);
        return Job.queued(
                UUID.randomUUID(),
                name,
                priority,
                labels,
                json.writeValueAsString(full),
                Hashes.sha256(canonical.writeValueAsString(full)),
                run.seed(),
                Simulator.VERSION,
                capacity.tilesRequired(run.layerArray(), run.tileRows(), run.tileCols()),
                maxAttempts,
                (long) trainExamples(run) * run.epochs(),
                now,
                idempotencyKey,
                requestHash);
    }

    private static String baselineName(String name) {
        String suffix = " (floating-point baseline)";
        if (name == null) {
            return "floating-point baseline";
        }
        return name.length() + suffix.length() <= 200
                ? name + suffix
                : name.substring(0, 200 - suffix.length()) + suffix;
    }

    private Optional<Submission> replay(SubmitCommand cmd) {
        return submissions.findByIdempotencyKey(cmd.idempotencyKey()).map(id -> {
            Job first = get(id);
            if (!first.getRequestHash().equals(cmd.requestHash())) {
                throw new JobExceptions.KeyReused(cmd.idempotencyKey());
            }
            return new Submission(first, true);
        });
    }

    private int trainExamples(RunSpec run) {
        Integer known = datasets.info(run.dataset())
                .map(DatasetCatalog.Info::trainExamples)
                .orElse(null);
        if (known == null) {
            known = datasets.load(run.dataset()).train().count();
        }
        return run.trainLimit() != null ? Math.min(run.trainLimit(), known) : known;
    }

    /** The floating-point twin of {@code job}, or null. */
    public Job baselineOf(Job job) {
        return job.getBaselineJobId() == null
                ? null
                : repository.findById(job.getBaselineJobId()).orElse(null);
    }

    /** The floating-point twins of {@code jobs}, by twin id, in one query. */
    public Map<UUID, Job> baselinesOf(List<Job> jobs) {
        List<UUID> ids = jobs.stream()
                .map(Job::getBaselineJobId)
                .filter(java.util.Objects::nonNull)
                .toList();
        Map<UUID, Job> out = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            repository.findAllById(ids).forEach(j -> out.put(j.getId(), j));
        }
        return out;
    }

    /** A job the caller of this request may see; 404 (not 403) for another owner's, so ids leak nothing. */
    public Job visible(UUID id) {
        Job job = get(id);
        if (!Caller.current().sees(job.getOwner())) {
            throw new JobExceptions.JobNotFound(id);
        }
        return job;
    }

    public Job get(UUID id) {
        return repository.findById(id).orElseThrow(() -> new JobExceptions.JobNotFound(id));
    }

    /** One page of jobs, newest first. */
    public record Page(List<Job> jobs, String nextPageToken) {}

    /**
     * One page of jobs. The page token is signed and names the filters it was issued for: a forged or
     * altered token, or one used with other filters, is refused (a page size may change between pages).
     */
    public Page list(List<JobState> states, Map<String, String> labels, int pageSize, String pageToken) {
        String owner = Caller.current().listOwner();
        String filters = Hashes.sha256(new java.util.TreeSet<>(
                                states.stream().map(Enum::name).toList()) + "|" + new TreeMap<>(labels) + "|" + owner)
                .substring(0, 16);
        SignedTokens.Keyset at = tokens.readPageToken(pageToken, filters, "state and label");
        Instant before = at == null ? null : at.before();
        UUID beforeId = at == null ? null : at.beforeId();
        List<UUID> ids = queries.page(states, labels, owner, before, beforeId, pageSize + 1);
        boolean more = ids.size() > pageSize;
        List<UUID> pageIds = more ? ids.subList(0, pageSize) : ids;
        Map<UUID, Job> byId = new java.util.HashMap<>();
        repository.findAllById(pageIds).forEach(j -> byId.put(j.getId(), j));
        List<Job> jobs = pageIds.stream()
                .map(byId::get)
                .filter(java.util.Objects::nonNull)
                .toList();
        String next = null;
        if (more && !jobs.isEmpty()) {
            Job last = jobs.get(jobs.size() - 1);
            next = tokens.pageToken(last.getCreatedAt(), last.getId(), filters);
        }
        return new Page(jobs, next);
    }

    /** Idempotent cancel; 409 on a job that already ended other than CANCELLED. */
    public Job cancel(UUID id) {
        Job job = visible(id);
        if (job.getState() == JobState.CANCELLED || job.getState() == JobState.CANCELLING) {
            return job;
        }
        if (job.getState().isFinal()) {
            throw new JobExceptions.WrongState(id, job.getState(), "cannot cancel a finished job");
        }
        Optional<JobState> after = submissions.requestCancel(id, clock.instant());
        durable.flush();
        if (after.isEmpty()) {
            Job now = get(id);
            if (now.getState().isFinal() && now.getState() != JobState.CANCELLED) {
                throw new JobExceptions.WrongState(id, now.getState(), "cannot cancel a finished job");
            }
            return now;
        }
        if (after.get() == JobState.CANCELLING) {
            events.publishEvent(new JobEvents.CancelRequested(id));
        }
        return get(id);
    }

    /** The epochs of each of {@code ids}, for a page of jobs. */
    public Map<UUID, List<EpochReport>> epochsOf(List<UUID> ids) {
        return queries.epochsOf(ids);
    }

    public List<EpochReport> epochs(UUID id) {
        return epochs(get(id));
    }

    /** The job's epochs: its own, or those of the job whose result it reuses. */
    public List<EpochReport> epochs(Job job) {
        return queries.epochs(job.getRunId());
    }

    public List<JobEvent> events(UUID id, long afterId, int limit) {
        return queries.events(id, afterId, limit);
    }

    /** Events of several jobs after {@code afterId}, in id order. */
    public List<JobEvent> eventsOf(List<UUID> ids, long afterId, int limit) {
        return queries.eventsOf(ids, afterId, limit);
    }

    /** Events of every job after {@code afterId}, in id order. */
    public List<JobEvent> eventsAfter(long afterId, int limit) {
        return queries.eventsAfter(afterId, limit);
    }

    /** The owners of these jobs. */
    public Map<UUID, String> ownersOf(List<UUID> ids) {
        return queries.ownersOf(ids);
    }

    /** The highest event id written so far, 0 when there is none. */
    public long latestEventId() {
        return queries.latestEventId();
    }

    public Map<JobState, Long> countByState() {
        return queries.countByState();
    }
}
