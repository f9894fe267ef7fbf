package io.crossbarlab.app.job.web;

import io.crossbarlab.app.job.JobEvent;
import io.crossbarlab.app.job.JobEvents;
import io.crossbarlab.app.job.JobService;
import io.crossbarlab.app.security.Caller;
import io.crossbarlab.app.system.ApiSettings;
import io.crossbarlab.app.system.LimitExceeded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-sent event streams of job events. The {@code job_event} table is the source of truth, so a
 * stream works whichever node runs its job. The node reads it for all of its open streams at once: one
 * query per tick ({@link #POLL}) however many streams are open, and none while none is open. Events
 * this node commits wake the reader at once; events of other nodes arrive within a tick. A new stream
 * first catches up from its {@code Last-Event-ID} with a query of its own. Streams send keep-alive
 * comments, close when their job reaches a final state, and are all completed at shutdown. Open
 * streams are limited per node and per client address.
 *
 * <p>The stream of all jobs (the dashboard's live list) never closes on its own. Event ids come from
 * one sequence but transactions on several nodes may commit them out of id order, so it re-reads the
 * last {@link #LOOKBACK} ids at every tick and sends those it has not sent yet: an event committed up
 * to that many ids late still arrives; one later than that is missed, and a client that must not miss
 * anything reads the jobs themselves (the dashboard refreshes its list on every reconnect).
 */
@Component
class JobEventStreams {

    static final Duration POLL = Duration.ofMillis(250);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final int BATCH = 2000;
    static final int LOOKBACK = 256;

    private final JobService jobs;
    private final JsonMapper json;
    private final ApiSettings settings;
    private final Map<UUID, Set<Stream>> byJob = new ConcurrentHashMap<>();
    private final Set<Stream> all = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Object wake = new Object();
    private final Counter reads;
    private final Thread reader;
    private volatile boolean running = true;
    private boolean wakeRequested;

    JobEventStreams(JobService jobs, JsonMapper json, ApiSettings settings, MeterRegistry meters) {
        this.jobs = jobs;
        this.json = json;
        this.settings = settings;
        this.reads = Counter.builder("crossbar.event.stream.reads")
                .description("Database reads of job events for the open event streams of this node")
                .register(meters);
        Gauge.builder("crossbar.event.streams", open, AtomicInteger::get)
                .description("Server-sent event streams open on this node")
                .register(meters);
        this.reader = new Thread(this::readLoop, "crossbar-sse");
        reader.setDaemon(true);
        reader.start();
    }

    private final class Stream {
        /** The job, or null for the stream of all jobs. */
        final UUID jobId;

        final String client;
        final SseEmitter emitter;
        volatile long lastId;
        volatile long lastSentNanos = System.nanoTime();
        volatile boolean caughtUp;
        volatile boolean closed;
        /** All-jobs stream: ids at or below it are not sent again (the re-read window starts above it). */
        long floor;
        /** All-jobs stream: whose jobs it carries (an admin's: every job's). */
        Caller caller = Caller.ANONYMOUS;
        /** All-jobs stream: ids above the floor already sent. */
        final java.util.TreeSet<Long> sent = new java.util.TreeSet<>();

        Stream(UUID jobId, String client, SseEmitter emitter, long lastId) {
            this.jobId = jobId;
            this.client = client;
            this.emitter = emitter;
            this.lastId = lastId;
            this.floor = lastId;
        }

        /** Unregisters this stream; idempotent. */
        void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            Set<Stream> set = jobId == null ? null : byJob.get(jobId);
            if (jobId == null) {
                all.remove(this);
            } else if (set != null) {
                set.remove(this);
                if (set.isEmpty()) {
                    byJob.remove(jobId, set);
                }
            }
            AtomicInteger n = perClient.get(client);
            if (n != null && n.decrementAndGet() <= 0) {
                perClient.remove(client, n);
            }
            open.decrementAndGet();
        }
    }

    SseEmitter open(UUID jobId, long lastEventId, String client) {
        jobs.visible(jobId); // 404 before the stream opens (another owner's job too)
        Stream s = admit(jobId, client, lastEventId);
        byJob.computeIfAbsent(jobId, k -> ConcurrentHashMap.newKeySet()).add(s);
        wakeUp();
        return s.emitter;
    }

    /**
     * The stream of every job's events, from {@code lastEventId} or, without one, from now.
     *
     * @param lastEventId the last id the client has, or -1 for none
     */
    SseEmitter openAll(long lastEventId, String client, Caller caller) {
        long from = lastEventId >= 0 ? lastEventId : jobs.latestEventId();
        Stream s = admit(null, client, from);
        s.caller = caller;
        try {
            // headers and a first line at once: a client waits for them before it can act, and the stream
            // may have nothing to say for a while (otherwise the first keep-alive, 15 s later)
            s.emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            fail(s, e);
            return s.emitter;
        }
        s.caughtUp = true; // the shared read starts at its floor
        all.add(s);
        wakeUp();
        return s.emitter;
    }

    /** Counts a new stream against the node's and the client's limits (429 beyond them). */
    private Stream admit(UUID jobId, String client, long lastEventId) {
        if (open.incrementAndGet() > settings.maxEventStreams()) {
            open.decrementAndGet();
            throw new LimitExceeded(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "crossbar.api.max-event-streams",
                    settings.maxEventStreams(),
                    null,
                    "this node has " + settings.maxEventStreams() + " event streams open, its limit; retry later");
        }
        AtomicInteger mine = perClient.computeIfAbsent(client, k -> new AtomicInteger());
        if (mine.incrementAndGet() > settings.maxEventStreamsPerClient()) {
            mine.decrementAndGet();
            open.decrementAndGet();
            throw new LimitExceeded(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "crossbar.api.max-event-streams-per-client",
                    settings.maxEventStreamsPerClient(),
                    null,
                    "this client has " + settings.maxEventStreamsPerClient()
                            + " event streams open, the most one client may; close one or retry later");
        }
        SseEmitter emitter = new SseEmitter(0L);
        Stream s = new Stream(jobId, client, emitter, lastEventId);
        emitter.onCompletion(s::close);
        emitter.onTimeout(s::close);
        emitter.onError(e -> s.close());
        return s;
    }

    /** An event was committed on this node: deliver it now rather than at the next tick. */
    @EventListener
    void onWritten(JobEvents.Written e) {
        if (!all.isEmpty() || byJob.containsKey(e.jobId())) {
            wakeUp();
        }
    }

    private void wakeUp() {
        synchronized (wake) {
            wakeRequested = true;
            wake.notifyAll();
        }
    }

    private void readLoop() {
        while (running) {
            try {
                readAll();
            } catch (RuntimeException e) {
                // database hiccup: the next tick reads again from the same cursors
            }
            synchronized (wake) {
                if (!wakeRequested && running) {
                    try {
                        wake.wait(POLL.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                wakeRequested = false;
            }
        }
    }

    private void readAll() {
        if (byJob.isEmpty() && all.isEmpty()) {
            return;
        }
        readForAllJobs();
        // new streams catch up on their own job first, from their Last-Event-ID
        for (Set<Stream> set : byJob.values()) {
            for (Stream s : set) {
                if (!s.caughtUp) {
                    reads.increment();
                    deliver(List.of(s), jobs.events(s.jobId, s.lastId, BATCH));
                    s.caughtUp = true;
                }
            }
        }
        long from = Long.MAX_VALUE;
        for (Set<Stream> set : byJob.values()) {
            for (Stream s : set) {
                from = Math.min(from, s.lastId);
            }
        }
        List<UUID> jobIds = List.copyOf(byJob.keySet());
        if (!jobIds.isEmpty() && from != Long.MAX_VALUE) {
            reads.increment();
            List<JobEvent> events = jobs.eventsOf(jobIds, from, BATCH);
            for (UUID id : jobIds) {
                Set<Stream> set = byJob.get(id);
                if (set != null) {
                    deliver(
                            List.copyOf(set),
                            events.stream().filter(e -> e.jobId().equals(id)).toList());
                }
            }
        }
        long now = System.nanoTime();
        List<Stream> everyStream = new java.util.ArrayList<>(all);
        byJob.values().forEach(everyStream::addAll);
        for (Stream s : everyStream) {
            if (now - s.lastSentNanos > KEEP_ALIVE.toNanos()) {
                try {
                    s.emitter.send(SseEmitter.event().comment("keep-alive"));
                    s.lastSentNanos = now;
                } catch (IOException | IllegalStateException e) {
                    fail(s, e);
                }
            }
        }
    }

    /** One read for every all-jobs stream, from the lowest floor; each gets what it has not been sent. */
    private void readForAllJobs() {
        if (all.isEmpty()) {
            return;
        }
        List<Stream> streams = List.copyOf(all);
        long from = Long.MAX_VALUE;
        for (Stream s : streams) {
            from = Math.min(from, s.floor);
        }
        reads.increment();
        List<JobEvent> events = jobs.eventsAfter(from, BATCH);
        Map<UUID, String> owners = streams.stream().allMatch(s -> s.caller.admin())
                ? Map.of()
                : jobs.ownersOf(events.stream().map(JobEvent::jobId).distinct().toList());
        for (Stream s : streams) {
            try {
                for (JobEvent e : events) {
                    if (e.id() <= s.floor || !s.sent.add(e.id())) {
                        continue;
                    }
                    if (!s.caller.admin() && !s.caller.sees(owners.get(e.jobId()))) {
                        s.lastId = Math.max(s.lastId, e.id());
                        continue;
                    }
                    send(s, e);
                    s.lastId = Math.max(s.lastId, e.id());
                }
                s.floor = Math.max(s.floor, s.lastId - LOOKBACK);
                s.sent.headSet(s.floor, true).clear();
            } catch (IOException | IllegalStateException e) {
                fail(s, e);
            }
        }
    }

    private void send(Stream s, JobEvent e) throws IOException {
        s.emitter.send(SseEmitter.event()
                .id(Long.toString(e.id()))
                .name(e.type().toLowerCase(Locale.ROOT))
                .data(json.writeValueAsString(JobEventResponse.from(e)), MediaType.APPLICATION_JSON));
        s.lastSentNanos = System.nanoTime();
    }

    /** Sends each stream the events after its cursor, in id order; closes it after a final state. */
    private void deliver(List<Stream> streams, List<JobEvent> events) {
        for (Stream s : streams) {
            try {
                boolean done = false;
                for (JobEvent e : events) {
                    if (e.id() <= s.lastId) {
                        continue;
                    }
                    send(s, e);
                    s.lastId = e.id();
                    if (e.toState() != null && e.toState().isFinal()) {
                        done = true;
                    }
                }
                if (done) {
                    s.close();
                    s.emitter.complete();
                }
            } catch (IOException | IllegalStateException e) {
                fail(s, e);
            }
        }
    }

    private static void fail(Stream s, Exception e) {
        s.close();
        s.emitter.completeWithError(e);
    }

    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        running = false;
        // woken, not interrupted: an interrupt inside an H2 file read closes the embedded database
        wakeUp();
        for (Stream s : List.copyOf(all)) {
            s.close();
            s.emitter.complete();
        }
        for (Set<Stream> set : byJob.values()) {
            for (Stream s : set) {
                s.close();
                s.emitter.complete();
            }
        }
        byJob.clear();
    }
}
