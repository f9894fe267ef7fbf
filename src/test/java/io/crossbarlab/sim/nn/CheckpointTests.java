package io.crossbarlab.sim.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run continued from a checkpoint gives the same bits as the run never interrupted: epochs, event
 * counters, trained weights and inference after training, for every scheme, with the checkpoint
 * written to bytes and read back (as a node that died would leave it).
 */
class CheckpointTests {

    @BeforeAll
    static void load() throws IOException {
        TrainerTests.load();
    }

    /** Takes a checkpoint after every epoch, kept as bytes. */
    static final class Recorder implements TrainingListener {
        final List<byte[]> checkpoints = new ArrayList<>();

        @Override
        public boolean wantsCheckpoint(int epoch) {
            return true;
        }

        @Override
        public void onCheckpoint(int epoch, Checkpoint checkpoint) {
            assertThat(checkpoint.epochsDone()).isEqualTo(epoch);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                checkpoint.writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            checkpoints.add(out.toByteArray());
        }
    }

    static RunSpec spec(String scheme) {
        RunSpec base = TrainerTests.spec(scheme, 16, 600, 3, 11, Map.of("transferIntervalExamples", 250));
        // inference after training too, so that the generators the run holds are checked to the end
        return scheme.equals("FLOATING_POINT") ? base : TrainerTests.with(base, List.of(1.0, 86400.0), null);
    }

    static void assertSameRun(TrainingResult a, TrainingResult b) {
        assertThat(b.epochs())
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds")
                .isEqualTo(a.epochs());
        assertThat(b.counters()).isEqualTo(a.counters());
        assertThat(b.inference()).isEqualTo(a.inference());
        for (int l = 0; l < a.weights().layers().size(); l++) {
            assertThat(b.weights().layers().get(l).values())
                    .isEqualTo(a.weights().layers().get(l).values());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOATING_POINT", "PCM_PAIR", "PCM_3T1C"})
    void aRunResumedFromAnyEpochCheckpointGivesTheSameBitsAsTheUninterruptedRun(String scheme) throws IOException {
        RunSpec s = spec(scheme);
        Recorder recorder = new Recorder();
        TrainingResult whole =
                Trainer.train(s, TrainerTests.data.train(), TrainerTests.data.test(), recorder, () -> false);
        assertThat(recorder.checkpoints).hasSize(2); // after epochs 1 and 2, not after the last
        for (byte[] bytes : recorder.checkpoints) {
            Checkpoint c = Checkpoint.readFrom(new ByteArrayInputStream(bytes));
            TrainingResult resumed = Trainer.resume(
                    s, TrainerTests.data.train(), TrainerTests.data.test(), TrainingListener.NONE, () -> false, c);
            assertSameRun(whole, resumed);
        }
    }

    @Test
    void aCheckpointOfAnotherRunOrAnotherKindOfObjectIsRefused() throws IOException {
        Recorder recorder = new Recorder();
        Trainer.train(spec("PCM_3T1C"), TrainerTests.data.train(), TrainerTests.data.test(), recorder, () -> false);
        Checkpoint c = Checkpoint.readFrom(new ByteArrayInputStream(recorder.checkpoints.get(0)));
        RunSpec otherSeed = TrainerTests.spec("PCM_3T1C", 16, 600, 3, 12, Map.of("transferIntervalExamples", 250));
        assertThatThrownBy(() -> Trainer.resume(
                        otherSeed,
                        TrainerTests.data.train(),
                        TrainerTests.data.test(),
                        TrainingListener.NONE,
                        () -> false,
                        c))
                .hasMessageContaining("checkpoint of another run");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(new java.util.HashMap<>(Map.of("a", 1)));
        }
        assertThatThrownBy(() -> Checkpoint.readFrom(new ByteArrayInputStream(out.toByteArray())))
                .isInstanceOf(java.io.InvalidClassException.class);
    }
}
