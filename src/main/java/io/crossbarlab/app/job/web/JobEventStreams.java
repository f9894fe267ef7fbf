package io.crossbarlab.app.job.web;

import io.crossbarlab.app.job.JobEvent;
import io.crossbarlab.app.job.JobService;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-sent event streams of job events. One poller thread reads new rows of {@code job_event} for
 * every open stream (the table is the source of truth, so streams work whichever node runs the job),
 * sends keep-alive comments, closes a stream once its job reaches a final state and completes every
 * stream when the application shuts down.
 */
@Component
class JobEventStreams {

    static final Duration POLL = Duration.ofMillis(200);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final JobService jobs;
    private final JsonMapper json;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "crossbar-sse");
        t.setDaemon(true);
        return t;
    });

    JobEventStreams(JobService jobs, JsonMapper json) {
        this.jobs = jobs;
        this.json = json;
        poller.scheduleWithFixedDelay(this::pollAll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static final class Stream {
        final UUID jobId;
        final SseEmitter emitter;
        volatile long lastId;
        volatile long lastSentNanos = System.nanoTime();

        Stream(UUID jobId, SseEmitter emitter, long lastId) {
            this.jobId = jobId;
            this.emitter = emitter;
            this.lastId = lastId;
        }
    }

    SseEmitter open(UUID jobId, long lastEventId) {
        jobs.get(jobId); // 404 before the stream opens
        SseEmitter emitter = new SseEmitter(0L);
        Stream s = new Stream(jobId, emitter, lastEventId);
        emitter.onCompletion(() -> streams.remove(s));
        emitter.onTimeout(() -> streams.remove(s));
        emitter.onError(e -> streams.remove(s));
        streams.add(s);
        poller.execute(() -> poll(s));
        return emitter;
    }

    private void pollAll() {
        for (Stream s : streams) {
            poll(s);
        }
    }

    private void poll(Stream s) {
        try {
            List<JobEvent> events = jobs.events(s.jobId, s.lastId, 500);
            boolean done = false;
            for (JobEvent e : events) {
                s.emitter.send(SseEmitter.event()
                        .id(Long.toString(e.id()))
                        .name(e.type().toLowerCase(java.util.Locale.ROOT))
                        .data(json.writeValueAsString(JobEventResponse.from(e, json)), MediaType.APPLICATION_JSON));
                s.lastId = e.id();
                s.lastSentNanos = System.nanoTime();
                if (e.toState() != null && e.toState().isFinal()) {
                    done = true;
                }
            }
            if (done) {
                streams.remove(s);
                s.emitter.complete();
            } else if (System.nanoTime() - s.lastSentNanos > KEEP_ALIVE.toNanos()) {
                s.emitter.send(SseEmitter.event().comment("keep-alive"));
                s.lastSentNanos = System.nanoTime();
            }
        } catch (IOException | IllegalStateException e) {
            streams.remove(s);
            s.emitter.completeWithError(e);
        } catch (RuntimeException e) {
            // database hiccup: try again at the next poll
        }
    }

    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        poller.shutdownNow();
        for (Stream s : streams) {
            s.emitter.complete();
        }
        streams.clear();
    }
}
