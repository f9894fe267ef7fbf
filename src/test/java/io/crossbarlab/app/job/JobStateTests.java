package io.crossbarlab.app.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The transition table and the SQL lists derived from it. */
class JobStateTests {

    @Test
    void heldStatesAreExactlyTheLiveStatesANodeMoved() {
        // held: not waiting in the queue and not ended
        EnumSet<JobState> expected = EnumSet.noneOf(JobState.class);
        for (JobState s : JobState.values()) {
            if (s != JobState.QUEUED && !s.isFinal()) {
                expected.add(s);
            }
        }
        assertThat(JobState.HELD).isEqualTo(expected);
        assertThat(JobState.HELD_SQL).isEqualTo("('RUNNING', 'CANCELLING')");
    }

    @Test
    void everyEndOfARunStartsFromAHeldState() {
        for (JobState end : EnumSet.of(JobState.SUCCEEDED, JobState.FAILED)) {
            assertThat(end.sources()).isEqualTo(JobState.HELD);
        }
        assertThat(JobState.sqlList(JobState.RUNNING.sources())).isEqualTo("('QUEUED')");
    }

    @Test
    void finalStatesAreNeverLeft() {
        for (JobState from : JobState.values()) {
            for (JobState to : JobState.values()) {
                if (from.isFinal()) {
                    assertThat(from.canMoveTo(to)).as(from + " -> " + to).isFalse();
                }
            }
        }
    }
}
