package io.crossbarlab.app.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A training job as persisted, read through JPA ({@link JobRepository}). It is written only by SQL:
 * inserted once by {@link JobSubmissions}, then every change of state is a guarded update there or in
 * {@link JobLeases} or {@link JobProgress}, never a setter (it has none for state).
 */
@Entity
@Table(name = "job")
public class Job {

    @Id
    private UUID id;

    private String name;

    /** Who submitted it (the owner of the token; "anonymous" without tokens). */
    private String owner;

    @Enumerated(EnumType.STRING)
    private JobState state;

    private int priority;
    /** The rows of job_label (also the label filter's index): labels are stored once. */
    @jakarta.persistence.ElementCollection(fetch = jakarta.persistence.FetchType.EAGER)
    @jakarta.persistence.CollectionTable(
            name = "job_label",
            joinColumns = @jakarta.persistence.JoinColumn(name = "job_id"))
    @jakarta.persistence.MapKeyColumn(name = "label_key")
    @Column(name = "label_value")
    @org.hibernate.annotations.BatchSize(size = 100)
    private Map<String, String> labels = new java.util.TreeMap<>();

    private String spec;

    @Column(name = "spec_hash")
    private String specHash;

    private long seed;

    @Column(name = "simulator_version")
    private String simulatorVersion;

    @Column(name = "tiles_required")
    private int tilesRequired;

    @Column(name = "node_id")
    private String nodeId;

    private String tiles;

    @Column(name = "lease_expires_at")
    private Instant leaseExpiresAt;

    private int attempt;

    @Column(name = "max_attempts")
    private int maxAttempts;

    @Column(name = "progress_epoch")
    private int progressEpoch;

    @Column(name = "progress_examples")
    private long progressExamples;

    @Column(name = "total_examples")
    private long totalExamples;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "failure_reason")
    private String failureReason;

    private String result;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "request_hash")
    private String requestHash;

    @Column(name = "baseline_job_id")
    private UUID baselineJobId;

    @Column(name = "baseline_of")
    private UUID baselineOf;

    @Column(name = "reused_from")
    private UUID reusedFrom;

    private long work;

    @Column(name = "wall_time_limit_seconds")
    private long wallTimeLimitSeconds;

    @Column(name = "sweep_id")
    private UUID sweepId;

    @Column(name = "sweep_point")
    private Integer sweepPoint;

    protected Job() {}

    /** A new job in state QUEUED. */
    public static Job queued(
            UUID id,
            String name,
            int priority,
            Map<String, String> labels,
            String specJson,
            String specHash,
            long seed,
            String simulatorVersion,
            int tilesRequired,
            int maxAttempts,
            long totalExamples,
            Instant createdAt,
            String idempotencyKey,
            String requestHash) {
        Job j = new Job();
        j.id = id;
        j.name = name;
        j.state = JobState.QUEUED;
        j.priority = priority;
        j.labels = new java.util.TreeMap<>(labels);
        j.spec = specJson;
        j.specHash = specHash;
        j.seed = seed;
        j.simulatorVersion = simulatorVersion;
        j.tilesRequired = tilesRequired;
        j.maxAttempts = maxAttempts;
        j.totalExamples = totalExamples;
        j.createdAt = createdAt;
        j.idempotencyKey = idempotencyKey;
        j.requestHash = requestHash;
        return j;
    }

    /** Sets the owner of a new job (before it is stored). */
    public Job ownedBy(String owner) {
        this.owner = owner;
        return this;
    }

    public String getOwner() {
        return owner;
    }

    /** Sets what the job costs: its work (synapse-examples) and the wall-time limit of an attempt. */
    public Job withCost(long work, long wallTimeLimitSeconds) {
        this.work = work;
        this.wallTimeLimitSeconds = wallTimeLimitSeconds;
        return this;
    }

    /** Marks a new job as answered from the finished job {@code source} (before it is stored). */
    public Job reusing(UUID source) {
        this.reusedFrom = source;
        return this;
    }

    /** Makes a new job a run of point {@code point} of sweep {@code sweep} (before it is stored). */
    public Job inSweep(UUID sweep, int point) {
        this.sweepId = sweep;
        this.sweepPoint = point;
        return this;
    }

    /** The sweep this job is a run of, or null. */
    public UUID getSweepId() {
        return sweepId;
    }

    /** The point of its sweep this job runs, or null. */
    public Integer getSweepPoint() {
        return sweepPoint;
    }

    /** Synapse-examples of training (synapses x examples x epochs). */
    public long getWork() {
        return work;
    }

    /** Wall-time limit of each attempt, in seconds. */
    public long getWallTimeLimitSeconds() {
        return wallTimeLimitSeconds;
    }

    /** Links a new job and its floating-point twin (before either is stored). */
    public static void linkBaseline(Job job, Job floatingPointTwin) {
        job.baselineJobId = floatingPointTwin.id;
        floatingPointTwin.baselineOf = job.id;
    }

    public UUID getId() {
        return id;
    }

    /** The floating-point twin that is this job's baseline, or null. */
    public UUID getBaselineJobId() {
        return baselineJobId;
    }

    /** The job this one is the floating-point baseline of, or null. */
    public UUID getBaselineOf() {
        return baselineOf;
    }

    /** The finished job whose result this job reuses (same resolved spec, seed, simulator), or null. */
    public UUID getReusedFrom() {
        return reusedFrom;
    }

    /** The job whose epochs and result this job shows: the one it reuses, or itself. */
    public UUID getRunId() {
        return reusedFrom != null ? reusedFrom : id;
    }

    public String getName() {
        return name;
    }

    public JobState getState() {
        return state;
    }

    public int getPriority() {
        return priority;
    }

    /** Labels, sorted by key. */
    public Map<String, String> getLabels() {
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels));
    }

    public String getSpec() {
        return spec;
    }

    public String getSpecHash() {
        return specHash;
    }

    public long getSeed() {
        return seed;
    }

    public String getSimulatorVersion() {
        return simulatorVersion;
    }

    public int getTilesRequired() {
        return tilesRequired;
    }

    public String getNodeId() {
        return nodeId;
    }

    public String getTiles() {
        return tiles;
    }

    public Instant getLeaseExpiresAt() {
        return leaseExpiresAt;
    }

    public int getAttempt() {
        return attempt;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public int getProgressEpoch() {
        return progressEpoch;
    }

    public long getProgressExamples() {
        return progressExamples;
    }

    public long getTotalExamples() {
        return totalExamples;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public String getResult() {
        return result;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public String getRequestHash() {
        return requestHash;
    }
}
