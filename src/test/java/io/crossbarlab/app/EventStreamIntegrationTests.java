package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.app.scheduler.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Event streams cost the database one read per tick for all of a node's streams, not one per stream,
 * and a client cannot open more than its share.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:streams;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "crossbar.scheduler.node-id=stream-node",
            "crossbar.scheduler.poll-interval=100ms",
            "crossbar.api.max-event-streams-per-client=5"
        })
class EventStreamIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Scheduler scheduler;

    @Autowired
    MeterRegistry meters;

    double reads() {
        return meters.get("crossbar.event.stream.reads").counter().count();
    }

    @Test
    void idleStreamsCostOneReadPerTickTogetherAndAClientHasAtMostItsShare() throws Exception {
        Api api = new Api(port);
        scheduler.stop(); // the jobs stay QUEUED: their streams are idle
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(api.post("/api/v1/jobs", Api.tinyJob(""))
                        .json()
                        .get("id")
                        .asString());
            }
            HttpClient http = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<java.util.stream.Stream<String>>>> streams = new ArrayList<>();
            for (String id : ids) {
                streams.add(http.sendAsync(
                        HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/jobs/" + id + "/events"))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines()));
            }
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (meters.get("crossbar.event.streams").gauge().value() < 5 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(meters.get("crossbar.event.streams").gauge().value()).isEqualTo(5);
            Thread.sleep(300); // past the catch-up reads of the new streams
            double before = reads();
            Thread.sleep(2000);
            double idle = reads() - before;
            // one read per 250 ms tick for all five streams (a read per stream per tick would be 40)
            assertThat(idle).isBetween(4.0, 10.0);

            Api.Response sixth = api.get("/api/v1/jobs/" + ids.get(0) + "/events");
            assertThat(sixth.status()).isEqualTo(429);
            assertThat(sixth.contentType()).startsWith("application/problem+json");
            assertThat(sixth.json().get("limit").asString()).isEqualTo("crossbar.api.max-event-streams-per-client");
            assertThat(sixth.json().get("limitValue").asInt()).isEqualTo(5);
            assertThat(sixth.header("Retry-After")).isNotNull();

            scheduler.start();
            for (CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> f : streams) {
                String body = f.get(60, TimeUnit.SECONDS).body().collect(Collectors.joining("\n"));
                assertThat(body)
                        .contains("\"toState\":\"QUEUED\"", "\"toState\":\"RUNNING\"", "\"toState\":\"SUCCEEDED\"");
            }
            end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (meters.get("crossbar.event.streams").gauge().value() > 0 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(meters.get("crossbar.event.streams").gauge().value()).isZero();
            assertThat(api.get("/api/v1/jobs/" + ids.get(0) + "/events").status())
                    .as("a stream of a finished job opens, replays and closes")
                    .isEqualTo(200);
        } finally {
            scheduler.start();
        }
    }
}
