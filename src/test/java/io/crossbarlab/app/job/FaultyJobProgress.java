package io.crossbarlab.app.job;

import io.crossbarlab.sim.nn.EpochReport;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * A worker's reads and writes with a fault hook, for tests: the checkpoint lookup, each read of the
 * checkpoint stream, and the epoch write. Like {@link FaultyJobLeases}, the hook is a volatile field
 * read on each call rather than a Mockito stub, which would race with the worker threads.
 */
public class FaultyJobProgress extends JobProgress {

    /** Where the hook is called. */
    public enum Call {
        CHECKPOINT_LOOKUP,
        CHECKPOINT_READ,
        EPOCH
    }

    /** Decides the fate of one call. */
    @FunctionalInterface
    public interface Fault {
        /**
         * Throws to fail the call; returns false to answer a fenced write with "no longer the owner"
         * (ignored for reads); true to let it through. {@code at} is the epoch of an EPOCH write and
         * the bytes already read for a CHECKPOINT_READ.
         */
        boolean check(Call call, UUID id, long at);
    }

    private volatile Fault fault = (call, id, at) -> true;

    /** With its own event log over the same database and publisher as the service's. */
    public FaultyJobProgress(JdbcClient jdbc, ApplicationEventPublisher publisher) {
        super(jdbc, new JobEventLog(jdbc, publisher), new JobWeights(jdbc));
    }

    public void fault(Fault f) {
        this.fault = f;
    }

    public void heal() {
        this.fault = (call, id, at) -> true;
    }

    @Override
    public Optional<Integer> checkpointEpoch(UUID id) {
        fault.check(Call.CHECKPOINT_LOOKUP, id, 0);
        return super.checkpointEpoch(id);
    }

    @Override
    public InputStream openCheckpoint(UUID id) {
        return new FilterInputStream(super.openCheckpoint(id)) {
            private long read;

            @Override
            public int read() throws IOException {
                fault.check(Call.CHECKPOINT_READ, id, read);
                int b = super.read();
                read += b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                fault.check(Call.CHECKPOINT_READ, id, read);
                int n = super.read(b, off, len);
                read += Math.max(n, 0);
                return n;
            }
        };
    }

    @Override
    @Transactional
    public boolean epoch(UUID id, String nodeId, int attempt, EpochReport e, long examples, Instant now) {
        if (!fault.check(Call.EPOCH, id, e.epoch())) {
            return false;
        }
        return super.epoch(id, nodeId, attempt, e, examples, now);
    }
}
