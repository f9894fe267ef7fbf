package io.crossbarlab.app.job;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The node's leases with a fault hook on the RUNNING write, for tests. A Mockito spy stubbed while
 * the claim loop polls it is racy (a pending doAnswer is taken by whichever call on the spy comes
 * next, on any thread), so the fault is a volatile hook read on each call instead.
 */
public class FaultyJobLeases extends JobLeases {

    /** Decides the fate of one RUNNING write. */
    @FunctionalInterface
    public interface Fault {
        /** Throws to refuse the write of {@code id}; returns to let it through. */
        void check(UUID id);
    }

    private volatile Fault fault = id -> {};

    /** With its own event log over the same database and publisher as the service's. */
    public FaultyJobLeases(JdbcClient jdbc, ApplicationEventPublisher publisher) {
        super(jdbc, new JobEventLog(jdbc, publisher));
    }

    public void fault(Fault f) {
        this.fault = f;
    }

    @Override
    @Transactional
    public Optional<Integer> markRunning(UUID id, String nodeId, String tiles, Instant now, Instant leaseUntil) {
        fault.check(id);
        return super.markRunning(id, nodeId, tiles, now, leaseUntil);
    }
}
