package io.crossbarlab.sim.tile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crossbarlab.sim.cell.DeviceConfig;
import io.crossbarlab.sim.cell.Scheme;
import io.crossbarlab.sim.random.SplitMix64;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * A pair with one stuck device is programmed through its partner; the transfer's schedule sets each
 * cell's age and t0.
 */
class PcmPairsTests {

    static final double T_ITER = 1e-6;

    /**
     * A column of {@code rows} cells programmed to 10 uS in one iteration each (no programming noise),
     * every device given the drift exponent 0.1, then scheduled.
     */
    static PcmPairs scheduled(int rows, boolean interleaved, long[] visits) {
        Map<String, Object> o = TileFixtures.ideal();
        o.put("pcmInterleavedVerify", interleaved);
        DeviceConfig d = TileFixtures.config(Scheme.PCM_3T1C, o);
        PcmPairs pairs = new PcmPairs(rows, 1, d.pcm(), new EventCounters(), T_ITER);
        SplitMix64 rng = new SplitMix64(3);
        for (int i = 0; i < rows; i++) {
            pairs.reprogram(i, 10.0, rng);
            pairs.nuPlus[i] = PcmPairs.nuLevel(0.1);
        }
        visits[0] = pairs.schedule();
        return pairs;
    }

    /** Ideal devices except that a share of them has failed, stuck at Gmax with the given share. */
    static DeviceConfig withFailures(double failedFraction, double stuckAtSetShare) {
        Map<String, Object> o = TileFixtures.ideal();
        o.put("pcmFailedFraction", failedFraction);
        o.put("pcmStuckAtSetShare", stuckAtSetShare);
        return TileFixtures.config(Scheme.PCM_3T1C, o);
    }

    /** The drift factor of cell i {@code seconds} after the end of the transfer. */
    static double factor(PcmPairs pairs, int i, double seconds) {
        float[] table = new float[PcmPairs.DRIFT_TABLE];
        pairs.driftTable(seconds, table);
        return pairs.driftedDifference(i, table) / 10.0;
    }

    /** Drift never raises a conductance and never reverses: every factor in (0, 1], non-increasing in time. */
    @Property(tries = 50)
    void driftNeverRaisesConductanceAndIsMonotoneInTime(
            @ForAll boolean interleaved, @ForAll @DoubleRange(min = 0, max = 1e8) double t) {
        PcmPairs pairs = scheduled(64, interleaved, new long[1]);
        for (int i = 0; i < 64; i += 9) {
            double f1 = factor(pairs, i, t);
            double f2 = factor(pairs, i, 2 * t + 1e-3);
            assertThat(f1).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
            assertThat(f2).isLessThanOrEqualTo(f1);
        }
    }

    @Test
    void rowsProgrammedEarlierInASequentialTransferHaveDriftedLongerWhenTrainingResumes() {
        long[] visits = new long[1];
        PcmPairs pairs = scheduled(512, false, visits);
        assertThat(visits[0]).as("one iteration per row").isEqualTo(512);
        // row r was verified at (r + 1) us of a 512 us transfer, t0 = 1 us after its SET ramp:
        // ((age + t0 + t)/t0)^-0.1, the age known to a quarter octave of 1 + age/t0
        double quarterOctave = 0.1 * Math.log(2) / 8;
        for (int r : new int[] {0, 100, 400, 511}) {
            double age = (511 - r) * T_ITER;
            for (double t : new double[] {0, 1.6e-3}) {
                double expected = Math.pow((age + T_ITER + t) / T_ITER, -0.1);
                assertThat(Math.log(factor(pairs, r, t)))
                        .as("row %d at %s s", r, t)
                        .isCloseTo(Math.log(expected), within(quarterOctave));
            }
        }
        assertThat(factor(pairs, 0, 0)).isLessThan(factor(pairs, 511, 0));
    }

    @Test
    void interleavedVerifyReadsOneSweepAfterTheSetRampSoLessDriftFollows() {
        long[] visits = new long[1];
        PcmPairs pairs = scheduled(512, true, visits);
        assertThat(visits[0]).as("the same iterations as in row order").isEqualTo(512);
        // every cell SET in sweep 1 and accepted half-way through sweep 2, one sweep (512 us) later:
        // t0 = 512 us, 256 us old when the transfer ends
        double t0 = 512 * T_ITER;
        for (double t : new double[] {0, 1.6e-3, 1.0}) {
            double expected = Math.pow((0.5 * t0 + t0 + t) / t0, -0.1);
            assertThat(factor(pairs, 7, t)).as("at %s s", t).isCloseTo(expected, within(2e-4));
        }
        long[] sequential = new long[1];
        PcmPairs rowOrder = scheduled(512, false, sequential);
        // within one 1.6 ms transfer interval the interleaved cell drifts far less than the row-order
        // cell programmed last, and has drifted less since its SET ramp than any row-order cell
        double interleavedLoss = 1 - factor(pairs, 7, 1.6e-3) / factor(pairs, 7, 0);
        double rowOrderLoss = 1 - factor(rowOrder, 511, 1.6e-3) / factor(rowOrder, 511, 0);
        assertThat(interleavedLoss).isLessThan(0.5 * rowOrderLoss);
        for (int r = 0; r < 512; r += 37) {
            assertThat(factor(pairs, 7, 1.6e-3)).isGreaterThan(factor(rowOrder, r, 1.6e-3) + 0.3);
        }
    }

    @Test
    void aStuckDeviceIsCompensatedByItsPartner() {
        DeviceConfig d = withFailures(0.4, 0.5);
        int n = 4000;
        PcmPairs pairs = new PcmPairs(1, n, d.pcm(), new EventCounters(), 1e-6);
        SplitMix64 rng = new SplitMix64(1);
        int compensated = 0;
        for (int i = 0; i < n; i++) {
            pairs.drawFailures(i, rng);
            double target = 16 * rng.nextDouble() - 8; // uS, within reach of a partner of a stuck device
            float stuckPlus = pairs.plus[i];
            float stuckMinus = pairs.minus[i];
            pairs.reprogram(i, target, rng);
            boolean plusStuck = !pairs.plusWorks(i);
            boolean minusStuck = !pairs.minusWorks(i);
            if (plusStuck && minusStuck) {
                continue; // nothing can be done
            }
            if (plusStuck || minusStuck) {
                // reachable when the partner can make up the difference within [0, Gmax]
                double partner = plusStuck ? stuckPlus - target : target + stuckMinus;
                if (partner >= 0 && partner <= 20) {
                    assertThat((double) pairs.difference(i)).isCloseTo(target, within(0.5));
                    compensated++;
                }
            } else {
                assertThat((double) pairs.difference(i)).isCloseTo(target, within(0.5));
                assertThat(pairs.plus[i] == 0f || pairs.minus[i] == 0f).isTrue();
            }
        }
        assertThat(compensated)
                .as("pairs with one stuck device reached their target")
                .isGreaterThan(n / 5);
    }

    /**
     * A device stuck at Gmax is crystalline and does not drift; its working partner does, so the pair's
     * difference moves up from the target as time passes (docs/model.md, stuck devices).
     */
    @Test
    void aStuckSetDeviceDoesNotDriftWhileItsPartnerDoes() {
        DeviceConfig d = withFailures(0.5, 1.0);
        PcmPairs pairs = new PcmPairs(1, 1, d.pcm(), new EventCounters(), T_ITER);
        SplitMix64 rng = new SplitMix64(5);
        do { // a pair with only G+ stuck
            pairs.drawFailures(0, rng);
        } while (pairs.plusWorks(0) || !pairs.minusWorks(0));
        int i = 0; // the pair's cell
        pairs.reprogram(i, 5.0, rng);
        assertThat((double) pairs.plus[i]).isEqualTo(20.0);
        assertThat((double) pairs.minus[i]).isCloseTo(15.0, within(0.5));
        pairs.nuMinus[i] = PcmPairs.nuLevel(0.1);
        pairs.schedule();
        float[] table = new float[PcmPairs.DRIFT_TABLE];
        pairs.driftTable(1e-3, table);
        // the sum and the difference give each device: the stuck one keeps Gmax, the partner drifted
        double sum = pairs.sum(table);
        double plusNow = 0.5 * (sum + pairs.driftedDifference(i, table));
        double minusNow = 0.5 * (sum - pairs.driftedDifference(i, table));
        assertThat(plusNow).isCloseTo(20.0, within(1e-4));
        assertThat(minusNow).isLessThan(0.9 * pairs.minus[i]);
        assertThat((double) pairs.driftedDifference(i, table)).isGreaterThan(pairs.difference(i) + 1.0);
    }

    @Test
    void readNoiseVarianceIsZeroForAResetPairAndGrowsWithConductance() {
        DeviceConfig d = TileFixtures.config(Scheme.PCM_3T1C, Map.of());
        PcmPairs pairs = new PcmPairs(1, 3, d.pcm(), new EventCounters(), 1e-6);
        pairs.plus[1] = 2f;
        pairs.plus[2] = 15f;
        assertThat(pairs.readVariance(0)).isZero();
        assertThat(pairs.readVariance(2)).isGreaterThan(pairs.readVariance(1));
        // (G Q(G))^2 with Q = 0.0088 (G/Gmax)^-0.65: at 15 uS of 20
        double sd = 15 * 0.0088 * Math.pow(0.75, -0.65);
        assertThat(pairs.readVariance(2)).isCloseTo(sd * sd, within(1e-3 * sd * sd));
    }
}
