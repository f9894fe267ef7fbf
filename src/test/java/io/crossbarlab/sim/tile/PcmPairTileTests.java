package io.crossbarlab.sim.tile;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.sim.cell.DeviceConfig;
import io.crossbarlab.sim.cell.Scheme;
import io.crossbarlab.sim.random.SplitMix64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PcmPairTileTests {

    @Test
    void setOnlyUpdatesRaiseWeightsAndTriggerOccasionalResetNearGmax() {
        DeviceConfig d = TileFixtures.config(Scheme.PCM_PAIR, Map.of("pcmFailedFraction", 0.0));
        EventCounters c = new EventCounters();
        int rows = 8;
        int cols = 8;
        PcmPairTile t = TileFixtures.pcmPair(rows, cols, d, c, 1);
        t.initialise(new float[rows * cols], new SplitMix64(2), new SplitMix64(3));
        int[] rowIdx = {0, 1, 2, 3, 4, 5, 6, 7};
        int[] plusOne = {1, 1, 1, 1, 1, 1, 1, 1};
        float previous = t.weight(0, 0);
        for (int k = 0; k < 20; k++) {
            t.applyPulses(0, rowIdx, plusOne, rows);
            float w = t.weight(0, 0);
            assertThat(w).isGreaterThanOrEqualTo(previous - 0.05f); // SET only (bar read noise at a reset)
            previous = w;
        }
        for (int k = 0; k < 500; k++) {
            t.applyPulses(1, rowIdx, plusOne, rows);
        }
        assertThat(c.pcmSetPulses).isEqualTo(520L * rows);
        assertThat(c.pcmOccasionalResets).isPositive();
        double wMax =
                d.cell().gainFactor() * d.pcm().gMaxMicrosiemens() / d.cell().weightScaleMicrosiemens();
        for (int r = 0; r < rows; r++) {
            assertThat((double) t.weight(r, 1)).isBetween(-wMax, wMax);
        }
    }
}
