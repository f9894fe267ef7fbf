package io.crossbarlab.app.scheduler;

import io.crossbarlab.app.system.RoleSettings;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Readiness includes a write: a node is ready only if it can write its own row (the path every
 * submission, claim and heartbeat takes). A database that answers reads but refuses writes (read-only
 * after a failover, disk full, a lost connection) makes the node unready, so a load balancer stops
 * sending it submissions, while liveness stays up and nothing restarts it. A process with
 * {@code crossbar.role=api} has no row: for it the same statement (a write that matches nothing, which
 * a read-only database still refuses) is the check.
 */
@Component("databaseWriteHealthIndicator")
class DatabaseWriteHealthIndicator implements HealthIndicator {

    private final JdbcClient jdbc;
    private final String nodeId;
    private final boolean registers;

    DatabaseWriteHealthIndicator(JdbcClient jdbc, SchedulerSettings settings, RoleSettings role) {
        this.jdbc = jdbc;
        this.nodeId = settings.nodeId();
        this.registers = role.role().runsJobs();
    }

    @Override
    public Health health() {
        try {
            int rows = jdbc.sql("update node set heartbeat_at = heartbeat_at where id = ?")
                    .param(nodeId)
                    .update();
            return rows == 1 || !registers
                    ? Health.up().build()
                    : Health.down()
                            .withDetail("reason", "this node is not registered yet")
                            .build();
        } catch (RuntimeException e) {
            return Health.down()
                    .withDetail("reason", "the database cannot be written")
                    .build();
        }
    }
}
