package io.crossbarlab.app.scheduler;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Read model of the nodes and their placements. */
@Component
public class Nodes {

    private final NodeRegistry registry;
    private final SchedulerSettings settings;
    private final Clock clock;

    Nodes(NodeRegistry registry, SchedulerSettings settings, Clock clock) {
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
    }

    public List<NodeView> all() {
        Map<String, List<UUID>> jobs = new HashMap<>();
        Map<String, Integer> allocated = new HashMap<>();
        for (String[] p : registry.placements()) {
            jobs.computeIfAbsent(p[0], k -> new ArrayList<>()).add(UUID.fromString(p[1]));
            int n = p[2] == null || p[2].isEmpty() ? 0 : p[2].split(",").length;
            allocated.merge(p[0], n, Integer::sum);
        }
        Instant now = clock.instant();
        return registry.all().stream()
                .map(n -> new NodeView(
                        n.id(),
                        n.tiles(),
                        allocated.getOrDefault(n.id(), 0),
                        n.tileRows(),
                        n.tileCols(),
                        n.threads(),
                        jobs.getOrDefault(n.id(), List.of()),
                        n.startedAt(),
                        n.heartbeatAt(),
                        n.heartbeatAt().plus(settings.lease()).isAfter(now)))
                .toList();
    }
}
