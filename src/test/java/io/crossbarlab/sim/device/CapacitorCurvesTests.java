package io.crossbarlab.sim.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crossbarlab.sim.preset.DevicePresets;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** The compact 3T1C curves: a read transistor with a threshold, pulse steps that depend on V_C. */
class CapacitorCurvesTests {

    static CapacitorParameters cap(Map<String, Object> overrides) {
        return io.crossbarlab.sim.cell.DeviceConfig.capacitor(
                DevicePresets.byName("ambrogio-2018").orElseThrow().resolve(overrides, ""));
    }

    static final CapacitorParameters CAP = cap(Map.of());
    static final CapacitorCurves CURVES = CapacitorCurves.compact(CAP);

    /**
     * The read transistor sits near its threshold at the initial 0.5 V: g there is a small part of its
     * span, so it can rise far more than it can fall (the paper's reason for the transfer offset).
     */
    @Test
    void readCurveHasAThresholdBelowTheInitialVoltage() {
        double atInit = CURVES.read(0.5);
        assertThat(atInit / CAP.readSpanMicrosiemens()).isBetween(0.2, 0.35);
        assertThat(CURVES.read(1.0)).isCloseTo(CAP.readSpanMicrosiemens(), within(1e-3));
        assertThat(CURVES.read(0.2)).as("below threshold: subthreshold only").isLessThan(0.2);
        // linear above threshold (a conductance read at a small drain voltage): equal slopes
        assertThat(CURVES.readSlope(0.6)).isCloseTo(CURVES.readSlope(0.9), within(0.01 * CURVES.readSlope(0.9)));
        double canRise = CURVES.read(1.0) - atInit;
        double canFall = atInit - CURVES.read(0.0);
        assertThat(canRise / canFall).isGreaterThan(2);
    }

    @Property(tries = 200)
    void readCurveIsMonotoneInItsDirection(
            @ForAll @DoubleRange(min = -0.2, max = 1.2) double v, @ForAll @DoubleRange(min = 0, max = 0.1) double dv) {
        assertThat(CURVES.read(v + dv)).isGreaterThanOrEqualTo(CURVES.read(v));
        CapacitorCurves falling = CapacitorCurves.compact(cap(Map.of("capReadRisesWithVoltage", false)));
        assertThat(falling.read(v + dv)).isLessThanOrEqualTo(falling.read(v));
    }

    @Test
    void aReadTransistorThatFallsWithVoltageMirrorsTheCurve() {
        CapacitorCurves falling = CapacitorCurves.compact(cap(Map.of("capReadRisesWithVoltage", false)));
        for (double v = 0; v <= 1.0; v += 0.05) {
            assertThat(falling.read(v)).isCloseTo(CURVES.read(1.0 - v), within(1e-4));
        }
    }

    /**
     * The pull-up weakens toward the supply and the pull-down toward ground, as a pulse's drain current
     * leaves saturation; the step is the nominal one at the initial voltage.
     */
    @Test
    void stepsDependOnTheCapacitorVoltage() {
        assertThat(CURVES.up(0.5)).isCloseTo(CAP.stepVolts(), within(1e-9));
        assertThat(CURVES.down(0.5)).isCloseTo(CAP.stepVolts(), within(1e-9));
        assertThat(CURVES.up(0.3)).as("saturated: as at 0.5 V").isCloseTo(CAP.stepVolts(), within(1e-9));
        assertThat(CURVES.up(0.9)).isLessThan(0.5 * CAP.stepVolts()).isPositive();
        assertThat(CURVES.up(1.0)).isZero();
        assertThat(CURVES.down(0.1)).isLessThan(0.5 * CAP.stepVolts()).isPositive();
        assertThat(CURVES.down(0.0)).isZero();
        double previous = Double.MAX_VALUE;
        for (double v = 0.6; v <= 1.0; v += 0.02) {
            assertThat(CURVES.up(v)).isLessThanOrEqualTo(previous);
            previous = CURVES.up(v);
        }
    }

    /** A table made from the compact model and read back gives the same curves, grid point for point. */
    @Test
    void aTableOfTheCompactModelReproducesIt() {
        CapacitorCurves again = CapacitorCurves.tabulated(CAP, CURVES.toTable());
        assertThat(again.readGrid()).containsExactly(CURVES.readGrid());
        assertThat(again.upGrid()).containsExactly(CURVES.upGrid());
        assertThat(again.downGrid()).containsExactly(CURVES.downGrid());
    }

    @Test
    void aTableIsCheckedBeforeUse() {
        CapacitorTable ok = CURVES.toTable();
        assertThat(ok.check(1.0, "t.")).isEmpty();
        CapacitorTable shortRange = new CapacitorTable(
                new double[] {0.2, 0.8}, new double[] {0, 1}, new double[] {0.002, 0.002}, new double[] {0.002, 0.002});
        assertThat(shortRange.check(1.0, "t."))
                .anySatisfy(v -> assertThat(v.message()).contains("cover"));
        CapacitorTable unsorted = new CapacitorTable(
                new double[] {0, 1, 0.5}, new double[] {0, 1, 2}, new double[] {0, 0, 0}, new double[] {0, 0, 0});
        assertThat(unsorted.check(1.0, "t."))
                .anySatisfy(v -> assertThat(v.field()).isEqualTo("t.volts[2]"));
        CapacitorTable negative =
                new CapacitorTable(new double[] {0, 1}, new double[] {0, -1}, new double[] {0, 0}, new double[] {0, 0});
        assertThat(negative.check(1.0, "t."))
                .anySatisfy(v -> assertThat(v.field()).isEqualTo("t.readMicrosiemens[1]"));
    }

    @Test
    void aLowerThresholdRaisesGAtTheInitialVoltage() {
        Map<String, Object> o = new HashMap<>();
        o.put("capReadThresholdVolts", 0.1);
        assertThat(CapacitorCurves.compact(cap(o)).read(0.5)).isGreaterThan(1.4 * CURVES.read(0.5));
    }
}
