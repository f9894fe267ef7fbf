package io.crossbarlab.app.sweep;

import io.crossbarlab.app.job.JobExceptions;
import io.crossbarlab.app.job.JobQueries;
import io.crossbarlab.app.job.JobService;
import io.crossbarlab.app.job.JobState;
import io.crossbarlab.app.job.SubmitCommand;
import io.crossbarlab.app.security.Caller;
import io.crossbarlab.app.spec.SpecPaths;
import io.crossbarlab.app.system.Csv;
import io.crossbarlab.app.system.Hashes;
import io.crossbarlab.app.system.LimitExceeded;
import io.crossbarlab.app.system.SignedTokens;
import io.crossbarlab.sim.nn.EpochReport;
import io.crossbarlab.sim.nn.SimulationSpec;
import io.crossbarlab.sim.preset.InvalidSpecException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sweeps: a base spec run at many points with many seeds, expanded into ordinary jobs that the
 * scheduler runs like any other. Every point and run is validated before anything is stored; the
 * sweep row, its points and all its jobs are stored in one transaction, so a sweep is queued whole
 * or not at all.
 */
@Service
public class SweepService {

    /** The label every job of a sweep carries with the sweep's id. */
    public static final String SWEEP_LABEL = "crossbar.sweep";

    /** The label every job of a sweep carries with its point's index. */
    public static final String POINT_LABEL = "crossbar.sweep-point";

    /** A rejected sweep lists at most this many bad fields, then how many more there are. */
    static final int MAX_LISTED_VIOLATIONS = 50;

    private final JobService jobs;
    private final JobQueries queries;
    private final SweepStore store;
    private final SweepSettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final SignedTokens tokens;
    private final io.crossbarlab.app.job.Quotas quotas;

    SweepService(
            JobService jobs,
            JobQueries queries,
            SweepStore store,
            SweepSettings settings,
            JsonMapper json,
            Clock clock,
            TransactionTemplate tx,
            SignedTokens tokens,
            io.crossbarlab.app.job.Quotas quotas) {
        this.jobs = jobs;
        this.quotas = quotas;
        this.queries = queries;
        this.store = store;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.tx = tx;
        this.tokens = tokens;
    }

    /** Validates every point and run of {@code d}, then stores the sweep and queues its jobs. */
    public SweepView create(SweepDefinition d) {
        Map<String, String> labels = d.labels() == null ? Map.of() : new TreeMap<>(d.labels());
        for (String reserved : List.of(SWEEP_LABEL, POINT_LABEL)) {
            if (labels.containsKey(reserved)) {
                throw new InvalidSpecException("labels", "'" + reserved + "' is set by the service on each job");
            }
        }
        List<Long> seeds = distinct(d.seeds(), "seeds");
        List<Map<String, JsonNode>> points = Points.of(d, settings.maxPoints());
        long runs = (long) points.size() * seeds.size();
        if (runs > settings.maxRuns()) {
            throw SweepLimits.runs("seeds", runs, settings.maxRuns());
        }
        checkRunsQuota(runs, "seeds");
        Sweep sweep = new Sweep(
                UUID.randomUUID(),
                d.name(),
                labels,
                clock.instant().truncatedTo(ChronoUnit.MICROS),
                json.writeValueAsString(d.base()),
                seeds,
                d.priority() == null ? 0 : d.priority(),
                d.maxTiles(),
                !Boolean.FALSE.equals(d.reuse()),
                d.wallTimeSeconds(),
                null,
                points);
        List<JobService.Prepared> prepared = prepare(sweep, d.base(), points, Set.of());
        quotas.admit(JobService.queuedBy(prepared), () -> {
            tx.executeWithoutResult(status -> {
                store.insert(sweep, Caller.current().owner());
                jobs.insert(prepared);
            });
            return null;
        });
        jobs.announce(prepared);
        return get(sweep.id());
    }

    /**
     * Adds seeds (run at every point) and points (run with every seed) to a sweep that was not
     * cancelled; the runs it has are kept and identical finished runs are reused.
     */
    public SweepView extend(UUID id, SweepExtension e) {
        Sweep s = find(id);
        if (s.cancelledAt() != null) {
            throw new SweepExceptions.Conflict("sweep " + id + " was cancelled; it cannot be extended", state(s));
        }
        List<Long> added = e.seeds() == null ? List.of() : distinct(e.seeds(), "seeds");
        List<Long> seeds = new ArrayList<>(s.seeds());
        added.stream().filter(x -> !seeds.contains(x)).forEach(seeds::add);
        List<Map<String, JsonNode>> newPoints = e.list() == null
                ? List.of()
                : Points.list(
                        e.list(), "list", settings.maxPoints() - s.points().size());
        if (seeds.size() == s.seeds().size() && newPoints.isEmpty()) {
            throw new InvalidSpecException("seeds", "add at least one new seed or one point (list)");
        }
        List<Map<String, JsonNode>> points = new ArrayList<>(s.points());
        points.addAll(newPoints);
        long runs = (long) points.size() * seeds.size();
        if (runs > settings.maxRuns()) {
            throw SweepLimits.runs(newPoints.isEmpty() ? "seeds" : "list", runs, settings.maxRuns());
        }
        checkRunsQuota(runs, newPoints.isEmpty() ? "seeds" : "list");
        Set<String> existing = new HashSet<>();
        queries.sweepRuns(id).forEach(r -> existing.add(r.point() + "/" + r.seed()));
        Sweep extended = new Sweep(
                s.id(),
                s.name(),
                s.labels(),
                s.createdAt(),
                s.base(),
                seeds,
                s.priority(),
                s.maxTiles(),
                s.reuse(),
                s.wallTimeSeconds(),
                null,
                points);
        List<JobService.Prepared> prepared =
                prepare(extended, json.readValue(s.base(), SimulationSpec.class), points, existing);
        // the new runs are the sweep owner's, also when an admin extends another owner's sweep
        String owner = store.ownerOf(id);
        for (JobService.Prepared p : prepared) {
            p.job().ownedBy(owner);
            if (p.twin() != null) {
                p.twin().ownedBy(owner);
            }
        }
        try {
            quotas.admit(JobService.queuedBy(prepared), () -> {
                tx.executeWithoutResult(status -> {
                    if (!store.updateSeeds(id, seeds)) {
                        throw new SweepExceptions.Conflict(
                                "sweep " + id + " was cancelled; it cannot be extended", SweepState.CANCELLING);
                    }
                    store.insertPoints(id, s.points().size(), newPoints);
                    jobs.insert(prepared);
                });
                return null;
            });
        } catch (DuplicateKeyException ex) {
            throw new SweepExceptions.Conflict(
                    "sweep " + id + " was extended by another request meanwhile; read it and retry", state(find(id)));
        }
        jobs.announce(prepared);
        return get(id);
    }

    /**
     * Validates each point (its spec with the assignments applied) and prepares a job for each of its
     * runs not in {@code existing} ("point/seed"); every problem of every point is collected and
     * reported at once.
     */
    private List<JobService.Prepared> prepare(
            Sweep s, SimulationSpec base, List<Map<String, JsonNode>> points, Set<String> existing) {
        List<InvalidSpecException.Violation> bad = new ArrayList<>();
        List<JobService.Prepared> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            String at = "points[" + i + "].";
            String where = " (point " + i + ": " + describe(points.get(i)) + ")";
            SimulationSpec spec;
            try {
                spec = SpecPaths.with(json, base, points.get(i));
            } catch (InvalidSpecException e) {
                e.violations()
                        .forEach(v -> bad.add(new InvalidSpecException.Violation(at + v.field(), v.message() + where)));
                continue;
            }
            Map<String, String> labels = new TreeMap<>(s.labels());
            labels.put(SWEEP_LABEL, s.id().toString());
            labels.put(POINT_LABEL, Integer.toString(i));
            for (long seed : s.seeds()) {
                if (existing.contains(i + "/" + seed)) {
                    continue;
                }
                SimulationSpec seeded = new SimulationSpec(
                        spec.dataset(), spec.network(), spec.training(), spec.device(), spec.hardware(), seed);
                try {
                    JobService.Prepared p = jobs.prepare(new SubmitCommand(
                            s.name(), labels, s.priority(), seeded, null, null, false, s.wallTimeSeconds(), s.reuse()));
                    if (s.maxTiles() != null && p.job().getTilesRequired() > s.maxTiles()) {
                        bad.add(new InvalidSpecException.Violation(
                                "maxTiles",
                                "is " + s.maxTiles() + " but a run needs "
                                        + p.job().getTilesRequired() + " tiles; it could never start" + where));
                        break;
                    }
                    p.job().inSweep(s.id(), i);
                    out.add(p);
                } catch (InvalidSpecException e) {
                    e.violations()
                            .forEach(v ->
                                    bad.add(new InvalidSpecException.Violation(at + v.field(), v.message() + where)));
                    break; // the other seeds of this point fail alike
                } catch (LimitExceeded e) {
                    bad.add(new InvalidSpecException.Violation(
                            at + (e.field() == null ? "" : e.field()),
                            e.getMessage() + " [" + e.limit() + " = " + e.value() + "]" + where));
                    break;
                } catch (JobExceptions.TooLarge e) {
                    bad.add(new InvalidSpecException.Violation(at + "network.layers", e.getMessage() + where));
                    break;
                }
            }
        }
        if (!bad.isEmpty()) {
            List<InvalidSpecException.Violation> listed =
                    new ArrayList<>(bad.subList(0, Math.min(bad.size(), MAX_LISTED_VIOLATIONS)));
            if (bad.size() > MAX_LISTED_VIOLATIONS) {
                listed.add(new InvalidSpecException.Violation(
                        "points", (bad.size() - MAX_LISTED_VIOLATIONS) + " more problems not listed"));
            }
            throw new InvalidSpecException(listed);
        }
        return out;
    }

    private String describe(Map<String, JsonNode> point) {
        if (point.isEmpty()) {
            return "the base spec";
        }
        StringBuilder sb = new StringBuilder();
        point.forEach((k, v) ->
                sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static List<Long> distinct(List<Long> seeds, String field) {
        List<Long> out = new ArrayList<>(new LinkedHashSet<>(seeds));
        if (out.size() != seeds.size()) {
            throw new InvalidSpecException(field, "must be distinct (was " + seeds + ")");
        }
        return out;
    }

    /** 403 past the caller's quota of runs per sweep (below the service's bound, maxRuns). */
    private void checkRunsQuota(long runs, String field) {
        int quota = quotas.settings().runsPerSweep();
        if (runs > quota) {
            throw new io.crossbarlab.app.system.LimitExceeded(
                    org.springframework.http.HttpStatus.FORBIDDEN,
                    "crossbar.quotas.runs-per-sweep",
                    quota,
                    field,
                    "the sweep would have " + runs + " runs (points x seeds); an owner's sweep may have " + quota);
        }
    }

    /** The sweep if the caller of this request may see it: another owner's is 404, like a missing one. */
    private Sweep find(UUID id) {
        Sweep s = store.find(id).orElseThrow(() -> new SweepExceptions.NotFound(id));
        if (!Caller.current().sees(store.ownerOf(id))) {
            throw new SweepExceptions.NotFound(id);
        }
        return s;
    }

    private SweepState state(Sweep s) {
        return state(s.cancelledAt(), counts(queries.sweepRuns(s.id())));
    }

    /** The sweep, its state and each point's statistics. */
    public SweepView get(UUID id) {
        Sweep s = find(id);
        List<JobQueries.SweepRun> runs = queries.sweepRuns(id);
        Map<JobState, Integer> counts = counts(runs);
        List<List<JobQueries.SweepRun>> byPoint = byPoint(s, runs);
        List<SweepView.Point> points = new ArrayList<>();
        for (int i = 0; i < s.points().size(); i++) {
            List<JobQueries.SweepRun> rs = byPoint.get(i);
            List<RunMetrics> m = rs.stream().map(r -> RunMetrics.of(r, json)).toList();
            points.add(new SweepView.Point(
                    i,
                    s.points().get(i),
                    rs.stream()
                            .map(r -> new SweepView.Run(r.id(), r.seed(), r.state(), r.reusedFrom()))
                            .toList(),
                    summary(m, RunMetrics::testAccuracy),
                    summary(m, RunMetrics::trainAccuracy),
                    summary(m, RunMetrics::energyEfficiencyGopsPerWatt),
                    summary(m, RunMetrics::throughputPerAreaTopsPerMm2),
                    summary(m, RunMetrics::secondsPerExample),
                    null));
        }
        return new SweepView(
                s.id(),
                s.name(),
                s.labels(),
                state(s.cancelledAt(), counts),
                s.createdAt(),
                s.cancelledAt(),
                s.seeds(),
                s.maxTiles(),
                parameters(s.points()),
                progress(counts, (int)
                        runs.stream().filter(r -> r.reusedFrom() != null).count()),
                Pareto.mark(points));
    }

    /** Per-epoch mean ± std of each point over its succeeded runs. */
    public SweepCurves curves(UUID id) {
        Sweep s = find(id);
        List<JobQueries.SweepRun> runs = queries.sweepRuns(id);
        Map<UUID, List<EpochReport>> epochs = jobs.epochsOf(runs.stream()
                .filter(r -> r.state() == JobState.SUCCEEDED)
                .map(JobQueries.SweepRun::runId)
                .distinct()
                .toList());
        List<List<JobQueries.SweepRun>> byPoint = byPoint(s, runs);
        List<SweepCurves.Curve> curves = new ArrayList<>();
        for (int i = 0; i < s.points().size(); i++) {
            List<List<EpochReport>> series = byPoint.get(i).stream()
                    .filter(r -> r.state() == JobState.SUCCEEDED)
                    .map(r -> epochs.getOrDefault(r.runId(), List.of()))
                    .toList();
            int last = series.stream().mapToInt(List::size).max().orElse(0);
            List<SweepCurves.Epoch> out = new ArrayList<>();
            double[][] v = new double[4][series.size()];
            for (int e = 0; e < last; e++) {
                for (int k = 0; k < series.size(); k++) {
                    List<EpochReport> one = series.get(k);
                    EpochReport r = e < one.size() ? one.get(e) : null;
                    v[0][k] = r == null ? Double.NaN : r.trainAccuracy();
                    v[1][k] = r == null ? Double.NaN : r.trainLoss();
                    v[2][k] = r == null ? Double.NaN : r.testAccuracy();
                    v[3][k] = r == null ? Double.NaN : r.testLoss();
                }
                out.add(new SweepCurves.Epoch(
                        e + 1,
                        Summary.of(v[0], series.size()),
                        Summary.of(v[1], series.size()),
                        Summary.of(v[2], series.size()),
                        Summary.of(v[3], series.size())));
            }
            curves.add(new SweepCurves.Curve(i, s.points().get(i), out));
        }
        return new SweepCurves(id, curves);
    }

    /**
     * One CSV row per run (RFC 4180, header first): point, each swept path's value (JSON text),
     * seed, job, state, reused-from and the run's metrics (empty until it succeeded).
     */
    public String csv(UUID id) {
        Sweep s = find(id);
        List<String> paths = parameters(s.points());
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("point"));
        header.addAll(paths);
        header.addAll(List.of("seed", "job_id", "state", "reused_from"));
        header.addAll(RunMetrics.COLUMNS);
        Csv.row(out, header);
        for (JobQueries.SweepRun r : queries.sweepRuns(id)) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(r.point()));
            Map<String, JsonNode> p = s.points().get(r.point());
            for (String path : paths) {
                JsonNode v = p.get(path);
                row.add(v == null ? "" : v.isString() ? v.stringValue() : v.toString());
            }
            row.add(Long.toString(r.seed()));
            row.add(r.id().toString());
            row.add(r.state().name());
            row.add(r.reusedFrom() == null ? "" : r.reusedFrom().toString());
            for (double v : RunMetrics.of(r, json).values()) {
                row.add(Double.isNaN(v) ? "" : Double.toString(v));
            }
            Csv.row(out, row);
        }
        return out.toString();
    }

    /** Cancels a sweep: every job of it that has not ended is cancelled (idempotent). */
    public SweepView cancel(UUID id) {
        find(id);
        store.cancel(id, clock.instant());
        for (JobQueries.SweepRun r : queries.sweepRuns(id)) {
            if (!r.state().isFinal()) {
                try {
                    jobs.cancel(r.id());
                } catch (JobExceptions.WrongState ignored) {
                    // it ended on its own meanwhile; nothing to cancel
                }
            }
        }
        return get(id);
    }

    /**
     * One page of sweeps, newest first, with all of {@code labels}; the page token is signed and bound
     * to the filters, as for jobs.
     */
    public SweepPage list(Map<String, String> labels, int pageSize, String pageToken) {
        String owner = Caller.current().listOwner();
        String filters =
                Hashes.sha256("sweeps|" + new TreeMap<>(labels) + "|" + owner).substring(0, 16);
        SignedTokens.Keyset at = tokens.readPageToken(pageToken, filters, "label");
        Instant before = at == null ? null : at.before();
        UUID beforeId = at == null ? null : at.beforeId();
        List<SweepStore.Listed> rows = store.page(labels, owner, before, beforeId, pageSize + 1);
        boolean more = rows.size() > pageSize;
        List<SweepStore.Listed> page = more ? rows.subList(0, pageSize) : rows;
        List<UUID> ids = page.stream().map(SweepStore.Listed::id).toList();
        Map<UUID, Map<JobState, Integer>> counts = queries.stateCountsBySweep(ids);
        Map<UUID, Map<String, String>> labelsOf = store.labelsOf(ids);
        List<SweepPage.Item> items = page.stream()
                .map(r -> {
                    Map<JobState, Integer> c = counts.getOrDefault(r.id(), Map.of());
                    return new SweepPage.Item(
                            r.id(),
                            r.name(),
                            labelsOf.getOrDefault(r.id(), Map.of()),
                            state(r.cancelledAt(), c),
                            r.createdAt(),
                            r.points(),
                            progress(c, -1));
                })
                .toList();
        String next = null;
        if (more && !page.isEmpty()) {
            SweepStore.Listed last = page.get(page.size() - 1);
            next = tokens.pageToken(last.createdAt(), last.id(), filters);
        }
        return new SweepPage(items, next);
    }

    private static List<List<JobQueries.SweepRun>> byPoint(Sweep s, List<JobQueries.SweepRun> runs) {
        List<List<JobQueries.SweepRun>> out = new ArrayList<>();
        for (int i = 0; i < s.points().size(); i++) {
            out.add(new ArrayList<>());
        }
        for (JobQueries.SweepRun r : runs) {
            out.get(r.point()).add(r);
        }
        return out;
    }

    private static List<String> parameters(List<Map<String, JsonNode>> points) {
        LinkedHashSet<String> paths = new LinkedHashSet<>();
        points.forEach(p -> paths.addAll(p.keySet()));
        return List.copyOf(paths);
    }

    private static Map<JobState, Integer> counts(List<JobQueries.SweepRun> runs) {
        Map<JobState, Integer> c = new java.util.EnumMap<>(JobState.class);
        runs.forEach(r -> c.merge(r.state(), 1, Integer::sum));
        return c;
    }

    static SweepState state(Instant cancelledAt, Map<JobState, Integer> c) {
        int queued = c.getOrDefault(JobState.QUEUED, 0);
        int held = c.getOrDefault(JobState.RUNNING, 0) + c.getOrDefault(JobState.CANCELLING, 0);
        int succeeded = c.getOrDefault(JobState.SUCCEEDED, 0);
        int failed = c.getOrDefault(JobState.FAILED, 0);
        int cancelled = c.getOrDefault(JobState.CANCELLED, 0);
        boolean active = queued + held > 0;
        if (cancelledAt != null) {
            return active ? SweepState.CANCELLING : SweepState.CANCELLED;
        }
        if (active) {
            return held + succeeded + failed + cancelled > 0 ? SweepState.RUNNING : SweepState.QUEUED;
        }
        if (failed > 0) {
            return SweepState.FAILED;
        }
        return cancelled > 0 ? SweepState.CANCELLED : SweepState.SUCCEEDED;
    }

    /** Progress from state counts; {@code reused} of -1 leaves it 0 (lists do not count reuse). */
    private static SweepView.Progress progress(Map<JobState, Integer> c, int reused) {
        int runs = c.values().stream().mapToInt(Integer::intValue).sum();
        int succeeded = c.getOrDefault(JobState.SUCCEEDED, 0);
        int failed = c.getOrDefault(JobState.FAILED, 0);
        int cancelled = c.getOrDefault(JobState.CANCELLED, 0);
        return new SweepView.Progress(
                runs,
                c.getOrDefault(JobState.QUEUED, 0),
                c.getOrDefault(JobState.RUNNING, 0) + c.getOrDefault(JobState.CANCELLING, 0),
                succeeded,
                failed,
                cancelled,
                Math.max(reused, 0),
                runs == 0 ? 0 : (double) (succeeded + failed + cancelled) / runs);
    }

    /** The metrics a sweep aggregates, read from a succeeded run's result document; NaN where absent. */
    record RunMetrics(
            double testAccuracy,
            double trainAccuracy,
            double energyEfficiencyGopsPerWatt,
            double throughputPerAreaTopsPerMm2,
            double secondsPerExample) {

        static final List<String> COLUMNS = List.of(
                "test_accuracy",
                "train_accuracy",
                "energy_efficiency_gops_per_watt",
                "throughput_per_area_tops_per_mm2",
                "seconds_per_example");

        List<Double> values() {
            return List.of(
                    testAccuracy,
                    trainAccuracy,
                    energyEfficiencyGopsPerWatt,
                    throughputPerAreaTopsPerMm2,
                    secondsPerExample);
        }

        /** The run's metrics; all NaN unless it SUCCEEDED (an estimate's fields are NaN without one). */
        static RunMetrics of(JobQueries.SweepRun r, JsonMapper json) {
            if (r.state() != JobState.SUCCEEDED || r.result() == null) {
                return new RunMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            JsonNode doc = json.readTree(r.result());
            JsonNode est = doc.path("estimate");
            return new RunMetrics(
                    number(doc.get("testAccuracy")),
                    number(doc.get("trainAccuracy")),
                    number(est.get("energyEfficiencyGopsPerWatt")),
                    number(est.get("throughputPerAreaTopsPerMm2")),
                    number(est.get("secondsPerExample")));
        }

        private static double number(JsonNode n) {
            return n != null && n.isNumber() ? n.doubleValue() : Double.NaN;
        }
    }

    private static Summary summary(List<RunMetrics> runs, java.util.function.ToDoubleFunction<RunMetrics> metric) {
        double[] v = runs.stream().mapToDouble(metric).toArray();
        return Summary.of(v, v.length);
    }
}
