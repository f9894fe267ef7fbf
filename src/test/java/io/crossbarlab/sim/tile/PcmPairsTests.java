package io.crossbarlab.sim.tile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crossbarlab.sim.cell.DeviceConfig;
import io.crossbarlab.sim.cell.Scheme;
import io.crossbarlab.sim.random.SplitMix64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pair with one stuck device is programmed through its partner. */
class PcmPairsTests {

    @Test
    void aStuckDeviceIsCompensatedByItsPartner() {
        Map<String, Object> o = TileFixtures.ideal();
        o.put("pcmFailedFraction", 0.4);
        o.put("pcmStuckAtSetShare", 0.5);
        DeviceConfig d = TileFixtures.config(Scheme.PCM_3T1C, o);
        int n = 4000;
        PcmPairs pairs = new PcmPairs(n, d.pcm(), new EventCounters());
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

    @Test
    void readNoiseVarianceIsZeroForAResetPairAndGrowsWithConductance() {
        DeviceConfig d = TileFixtures.config(Scheme.PCM_3T1C, Map.of());
        PcmPairs pairs = new PcmPairs(3, d.pcm(), new EventCounters());
        pairs.plus[1] = 2f;
        pairs.plus[2] = 15f;
        assertThat(pairs.readVariance(0)).isZero();
        assertThat(pairs.readVariance(2)).isGreaterThan(pairs.readVariance(1));
        // (G Q(G))^2 with Q = 0.0088 (G/Gmax)^-0.65: at 15 uS of 20
        double sd = 15 * 0.0088 * Math.pow(0.75, -0.65);
        assertThat(pairs.readVariance(2)).isCloseTo(sd * sd, within(1e-3 * sd * sd));
    }
}
