package io.crossbarlab.sim.tile;

import io.crossbarlab.sim.cell.DeviceConfig;
import io.crossbarlab.sim.cell.Scheme;
import io.crossbarlab.sim.preset.DevicePresets;
import io.crossbarlab.sim.random.SplitMix64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH microbenchmarks of the hot kernels on one 512 x 250 tile (the first layer of 784-250-10 as it
 * sits on its first tile): forward MVM, backward MVM, pulsed update, transfer. Inputs
 * have MNIST's sparsity (about one in five non-zero) and errors the magnitude of early training; the
 * update cycles through 64 such inputs, so that it touches different rows from call to call.
 * Run with {@code bench/jmh}; not part of the test suite.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KernelBenchmarks {

    static final int COLS = 250;

    /**
     * Rows of the tile: 512 by default; smaller tiles fit the caches, so comparing them shows whether a
     * kernel waits for memory.
     */
    @Param({"512"})
    public int rows;

    @Param({"FLOATING_POINT", "PCM_3T1C", "PCM_PAIR"})
    public String scheme;

    /** 0: per-cell pulse coding; else BL of the pulse-train update (PCM schemes). */
    @Param({"0"})
    public int pulseTrainLength;

    /** Distinct inputs the update cycles through, so that it touches different rows like training does. */
    static final int INPUTS = 64;

    RowBlockInput[] inputs;
    float[][] xs;
    int next;

    Tile tile;
    RowBlockInput input;
    float[] x;
    float[] delta;
    float[] out;
    float[] back;
    long transfers;

    @Setup(Level.Trial)
    public void setUp() {
        Scheme s = Scheme.valueOf(scheme);
        Map<String, Object> overrides = pulseTrainLength == 0 ? Map.of() : Map.of("pulseTrainLength", pulseTrainLength);
        DeviceConfig d = DeviceConfig.of(
                s, DevicePresets.byName(s.defaultPreset()).orElseThrow().resolve(overrides, ""));
        EventCounters c = new EventCounters();
        SplitMix64 rng = new SplitMix64(1);
        tile = switch (s) {
            case FLOATING_POINT -> new FloatingPointTile(0, rows, 0, COLS, TileParameters.DEFAULT, c);
            case PCM_PAIR -> new PcmPairTile(0, rows, 0, COLS, TileParameters.DEFAULT, c, rng, d.cell(), d.pcm(), null);
            case PCM_3T1C ->
                new Pcm3T1CTile(
                        0, rows, 0, COLS, TileParameters.DEFAULT, c, rng, d.cell(), d.pcm(), d.capacitor(), d.curves());
        };
        float[] w = new float[rows * COLS];
        SplitMix64 init = new SplitMix64(2);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * init.nextDouble() - 1) * 0.0357);
        }
        tile.initialise(w, new SplitMix64(3), new SplitMix64(4));
        x = new float[rows];
        SplitMix64 data = new SplitMix64(5);
        for (int r = 0; r < rows; r++) {
            x[r] = data.nextDouble() < 0.2 ? (float) data.nextDouble() : 0f;
        }
        delta = new float[COLS];
        for (int k = 0; k < COLS; k++) {
            delta[k] = (float) (0.05 * data.nextGaussian());
        }
        input = new RowBlockInput(0, rows);
        input.load(x, tile.needsSortedInput());
        inputs = new RowBlockInput[INPUTS];
        xs = new float[INPUTS][rows];
        for (int k = 0; k < INPUTS; k++) {
            for (int r = 0; r < rows; r++) {
                xs[k][r] = data.nextDouble() < 0.2 ? (float) data.nextDouble() : 0f;
            }
            inputs[k] = new RowBlockInput(0, rows);
            inputs[k].load(xs[k], tile.needsSortedInput());
        }
        out = new float[COLS];
        back = new float[rows];
    }

    @Benchmark
    public float forward() {
        input.load(x, tile.needsSortedInput());
        tile.forward(input, x, out);
        return out[0];
    }

    @Benchmark
    public float backward() {
        tile.backward(delta, back);
        return back[0];
    }

    /** One update with the next of {@link #INPUTS} inputs (a different fifth of the rows each time). */
    @Benchmark
    public void update() {
        next = (next + 1) % INPUTS;
        tile.update(inputs[next], xs[next], delta, 0.1f);
    }

    /** One transfer of the whole tile (PCM_3T1C only; other schemes have none). */
    @Benchmark
    public int transfer() {
        if (tile instanceof Pcm3T1CTile t) {
            t.transfer(++transfers);
            return t.polarity();
        }
        return 0;
    }
}
