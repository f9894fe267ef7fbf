package io.crossbarlab.sim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.sim.cell.Scheme;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The footprint of a run: its synapses and work counted exactly, its heap bounded from below. */
class FootprintTests {

    static RunSpec spec(String scheme, List<Integer> layers, int epochs) {
        return RunSpec.resolve(
                new SimulationSpec(
                        null,
                        new SimulationSpec.NetworkSpec(layers, null),
                        new SimulationSpec.TrainingSpec(epochs, null),
                        new SimulationSpec.DeviceSpec(scheme, null, Map.of()),
                        null,
                        1L),
                1L);
    }

    @Test
    void synapsesAndWorkOfThePapersMnistRun() {
        Footprint f = Footprint.of(spec("PCM_3T1C", List.of(784, 250, 10), 20), 8000);
        assertThat(f.synapses()).isEqualTo(785L * 250 + 251L * 10);
        assertThat(f.work()).isEqualTo((785L * 250 + 251L * 10) * 8000 * 20);
    }

    @Test
    void heapCoversEveryCellsStateAndGrowsWithTheScheme() {
        long fp = Footprint.of(spec("FLOATING_POINT", List.of(784, 250, 10), 1), 8000)
                .heapBytes();
        long pair =
                Footprint.of(spec("PCM_PAIR", List.of(784, 250, 10), 1), 8000).heapBytes();
        long cap =
                Footprint.of(spec("PCM_3T1C", List.of(784, 250, 10), 1), 8000).heapBytes();
        long cells = 785L * 250 + 251L * 10;
        assertThat(fp).isGreaterThan(cells * Footprint.bytesPerCell(Scheme.FLOATING_POINT));
        assertThat(pair)
                .isGreaterThan(cells * Footprint.bytesPerCell(Scheme.PCM_PAIR))
                .isGreaterThan(fp);
        assertThat(cap)
                .isGreaterThan(cells * Footprint.bytesPerCell(Scheme.PCM_3T1C))
                .isGreaterThan(pair);
        // the per-cell state dominates a network of this size: overheads stay under half the estimate
        assertThat(cap).isLessThan(2 * cells * Footprint.bytesPerCell(Scheme.PCM_3T1C));
    }

    @Test
    void workOfTheLargestAcceptedNetworkIsExact() {
        // the most a spec may ask: 8,192-wide layers, 1,000 epochs of 10 million examples (no overflow)
        Footprint f = Footprint.of(spec("FLOATING_POINT", List.of(784, 8192, 8192, 8192, 10), 1000), 10_000_000L);
        long synapses = 785L * 8192 + 2 * 8193L * 8192 + 8193L * 10;
        assertThat(f.synapses()).isEqualTo(synapses);
        assertThat(f.work()).isEqualTo(synapses * 10_000_000L * 1000);
    }
}
