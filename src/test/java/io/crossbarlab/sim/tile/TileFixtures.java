package io.crossbarlab.sim.tile;

import io.crossbarlab.sim.cell.DeviceConfig;
import io.crossbarlab.sim.cell.Scheme;
import io.crossbarlab.sim.preset.DevicePresets;
import io.crossbarlab.sim.random.SplitMix64;
import java.util.HashMap;
import java.util.Map;

/** Builds small tiles for tests. */
final class TileFixtures {

    private TileFixtures() {}

    static DeviceConfig config(Scheme scheme, Map<String, Object> overrides) {
        return DeviceConfig.of(
                scheme,
                DevicePresets.byName(scheme.defaultPreset()).orElseThrow().resolve(overrides, ""));
    }

    /** Overrides that make every device ideal except what a test turns back on. */
    static Map<String, Object> ideal() {
        Map<String, Object> m = new HashMap<>();
        m.put("pcmProgramNoiseMicrosiemens", 0.0);
        m.put("pcmReadNoiseCoefficient", 0.0);
        m.put("pcmFailedFraction", 0.0);
        m.put("pcmDriftScale", 0.0);
        m.put("pcmDriftCompensation", false);
        m.put("transferOffsetMicrosiemens", 0.0);
        m.put("capThresholdVariationVolts", 0.0);
        m.put("capPulseNoise", 0.0);
        m.put("capLeakTimeConstantSeconds", 1e6);
        return m;
    }

    static Pcm3T1CTile pcm3t1c(int rows, int cols, DeviceConfig d, EventCounters c, long seed) {
        return new Pcm3T1CTile(
                0,
                rows,
                0,
                cols,
                TileParameters.DEFAULT,
                c,
                new SplitMix64(seed),
                d.cell(),
                d.pcm(),
                d.capacitor(),
                d.curves());
    }

    static PcmPairTile pcmPair(int rows, int cols, DeviceConfig d, EventCounters c, long seed) {
        return new PcmPairTile(
                0, rows, 0, cols, TileParameters.DEFAULT, c, new SplitMix64(seed), d.cell(), d.pcm(), d.pcmJumps());
    }

    static float[] uniformWeights(int n, double bound, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        return w;
    }
}
