package io.crossbarlab.sim.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RandomStreamsTests {

    @Test
    void aNamedStreamIsTheSameEveryTime() {
        RandomStreams s = new RandomStreams(42);
        SplitMix64 a = s.stream(RandomStreams.INIT);
        SplitMix64 b = new RandomStreams(42).stream(RandomStreams.INIT);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
    }

    @Test
    void differentNamesSeedsAndIndicesGiveDifferentStreams() {
        RandomStreams s = new RandomStreams(42);
        long init = s.stream(RandomStreams.INIT).nextLong();
        assertThat(s.stream(RandomStreams.DATA_ORDER).nextLong()).isNotEqualTo(init);
        assertThat(new RandomStreams(43).stream(RandomStreams.INIT).nextLong()).isNotEqualTo(init);
        assertThat(s.stream(RandomStreams.CYCLE_NOISE, 0).nextLong())
                .isNotEqualTo(s.stream(RandomStreams.CYCLE_NOISE, 1).nextLong());
    }

    @Test
    void fnvHashMatchesReferenceValues() {
        // FNV-1a 64 reference values: "" and "a".
        assertThat(RandomStreams.fnv1a64("")).isEqualTo(0xcbf29ce484222325L);
        assertThat(RandomStreams.fnv1a64("a")).isEqualTo(0xaf63dc4c8601ec8cL);
    }
}
