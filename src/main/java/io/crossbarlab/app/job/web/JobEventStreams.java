package io.crossbarlab.app.job.web;

import io.crossbarlab.app.job.JobEvent;
import io.crossbarlab.app.job.JobEvents;
import io.crossbarlab.app.job.JobService;
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
 */
@Component
class JobEventStreams {

    static final Duration POLL = Duration.ofMillis(250);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final int BATCH = 2000;

    private final JobService jobs;
    private final JsonMapper json;
    private final ApiSettings settings;
    private final Map<UUID, Set<Stream>> byJob = new ConcurrentHashMap<>();
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
        final UUID jobId;
        final String client;
        final SseEmitter emitter;
        volatile long lastId;
        volatile long lastSentNanos = System.nanoTime();
        volatile boolean caughtUp;
        volatile boolean closed;

        Stream(UUID jobId, String client, SseEmitter emitter, long lastId) {
            this.jobId = jobId;
            this.client = client;
            this.emitter = emitter;
            this.lastId = lastId;
        }

        /** Unregisters this stream; idempotent. */
        void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            Set<Stream> set = byJob.get(jobId);
            if (set != null) {
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
        jobs.get(jobId); // 404 before the stream opens
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
        byJob.computeIfAbsent(jobId, k -> ConcurrentHashMap.newKeySet()).add(s);
        wakeUp();
        return emitter;
    }

    /** An event was committed on this node: deliver it now rather than at the next tick. */
    @EventListener
    void onWritten(JobEvents.Written e) {
        if (byJob.containsKey(e.jobId())) {
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
        if (byJob.isEmpty()) {
            return;
        }
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
        for (Set<Stream> set : byJob.values()) {
            for (Stream s : set) {
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
                    s.emitter.send(SseEmitter.event()
                            .id(Long.toString(e.id()))
                            .name(e.type().toLowerCase(Locale.ROOT))
                            .data(json.writeValueAsString(JobEventResponse.from(e)), MediaType.APPLICATION_JSON));
                    s.lastId = e.id();
                    s.lastSentNanos = System.nanoTime();
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
        reader.interrupt();
        for (Set<Stream> set : byJob.values()) {
            for (Stream s : set) {
                s.close();
                s.emitter.complete();
            }
        }
        byJob.clear();
    }
}
