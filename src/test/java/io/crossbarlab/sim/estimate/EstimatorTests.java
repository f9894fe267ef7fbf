package io.crossbarlab.sim.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crossbarlab.sim.cell.DeviceConfig;
import io.crossbarlab.sim.cell.Scheme;
import io.crossbarlab.sim.data.DatasetCatalog;
import io.crossbarlab.sim.data.TrainTestSplit;
import io.crossbarlab.sim.nn.RunSpec;
import io.crossbarlab.sim.nn.SimulationSpec;
import io.crossbarlab.sim.nn.Trainer;
import io.crossbarlab.sim.nn.TrainingListener;
import io.crossbarlab.sim.nn.TrainingResult;
import io.crossbarlab.sim.preset.DevicePresets;
import io.crossbarlab.sim.preset.HardwareParameter;
import io.crossbarlab.sim.preset.HardwarePresets;
import io.crossbarlab.sim.preset.ParameterValues;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EstimatorTests {

    static DeviceConfig device(Map<String, Object> o) {
        return DeviceConfig.of(
                Scheme.PCM_3T1C,
                DevicePresets.byName(DevicePresets.AMBROGIO_2018).orElseThrow().resolve(o, ""));
    }

    static ParameterValues<HardwareParameter> hardware(Map<String, Object> o) {
        return HardwarePresets.byName(HardwarePresets.AMBROGIO_2018)
                .orElseThrow()
                .resolve(o, "");
    }

    @Test
    void referenceWorkloadReproducesThePapersHeadlineFiguresWithinOnePercent() {
        Estimate e = Reference.estimate(hardware(Map.of()), device(Map.of()));
        assertThat(e.energyEfficiencyGopsPerWatt()).isCloseTo(28_065, within(0.01 * 28_065));
        assertThat(e.throughputPerAreaTopsPerMm2()).isCloseTo(3.6, within(0.01 * 3.6));
        // derived from the two headline figures: 35.6 fJ per operation and 0.128 W/mm2
        assertThat(e.energyPerExampleJoules() / e.opsPerExample()).isCloseTo(35.6e-15, within(0.4e-15));
        assertThat(e.powerWatts() / e.areaMm2()).isCloseTo(0.128, within(0.002));
        assertThat(e.gpu().energyEfficiencyRatio()).isGreaterThan(100); // "two orders of magnitude"
        assertThat(e.gpu().throughputPerAreaRatio()).isGreaterThan(50);
    }

    @Test
    void meanProgramIterationsFollowTheClosedLoopModel() {
        // tolerance 0.5 uS, noise 1 uS: p = erf(0.5/sqrt 2) = 0.3829
        assertThat(Reference.meanProgramIterations(device(Map.of()).pcm())).isCloseTo(1 / 0.38292, within(1e-3));
        assertThat(Reference.erf(1.0)).isCloseTo(0.8427008, within(2e-7));
    }

    /**
     * A row programs in parallel and lasts as long as its slowest cell: for one cell that is the mean,
     * for a row of 512 the expected maximum of 512 truncated geometric counts (14.5 against 2.6).
     */
    @Test
    void aRowOfCellsTakesAsLongAsItsSlowestCell() {
        var pcm = device(Map.of()).pcm();
        assertThat(Reference.slowestOfRow(pcm, 1)).isCloseTo(Reference.meanProgramIterations(pcm), within(1e-9));
        assertThat(Reference.slowestOfRow(pcm, 512)).isCloseTo(14.535, within(0.01));
        assertThat(Reference.slowestOfRow(pcm, 2048)).isGreaterThan(Reference.slowestOfRow(pcm, 512));
    }

    /** Workloads of networks of any shape and update statistics. */
    @Provide
    Arbitrary<Workload> workloads() {
        Arbitrary<int[]> layers = Arbitraries.integers()
                .between(1, 3000)
                .array(int[].class)
                .ofMinSize(2)
                .ofMaxSize(5);
        return Combinators.combine(
                        layers,
                        Arbitraries.of(64, 128, 256, 512, 1024),
                        Arbitraries.doubles().between(0.05, 1.0),
                        Arbitraries.doubles().between(0, 5),
                        Arbitraries.integers().between(100, 100_000))
                .as((l, tile, active, pulses, interval) ->
                        Workload.analytic(l, tile, tile, active, pulses, interval, 2.6, 13.5));
    }

    @Property(tries = 200)
    void everyEnergyAndAreaIsPositiveAndPhasesSumToTheTotal(@ForAll("workloads") Workload w) {
        Estimate e = Estimator.estimate(w, hardware(Map.of()), device(Map.of()));
        assertThat(e.energyPerExampleJoules()).isPositive();
        assertThat(e.areaMm2()).isPositive();
        assertThat(e.examplesPerSecond()).isPositive();
        e.components().values().forEach(c -> assertThat(c).isGreaterThanOrEqualTo(0));
        e.phases().values().forEach(p -> assertThat(p.energyJoules()).isGreaterThanOrEqualTo(0));
        double phases = e.phases().values().stream()
                .mapToDouble(Estimate.Phase::energyJoules)
                .sum();
        double components = e.components().values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        assertThat(phases).isCloseTo(e.energyPerExampleJoules(), within(1e-9 * e.energyPerExampleJoules()));
        assertThat(components).isCloseTo(e.energyPerExampleJoules(), within(1e-9 * e.energyPerExampleJoules()));
        double time = e.phases().values().stream()
                .mapToDouble(Estimate.Phase::seconds)
                .sum();
        assertThat(time).isCloseTo(e.secondsPerExample(), within(1e-9 * e.secondsPerExample()));
        assertThat(e.areaComponents()).containsOnlyKeys("cells", "adcs", "lineDrivers", "neurons");
        e.areaComponents().values().forEach(a -> assertThat(a).isPositive());
        double area = e.areaComponents().values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        assertThat(area).isCloseTo(e.areaMm2(), within(1e-9 * e.areaMm2()));
    }

    @Property(tries = 100)
    void doublingTheReadVoltageLowersEnergyEfficiency(@ForAll("workloads") Workload w) {
        DeviceConfig d = device(Map.of());
        double base = Estimator.estimate(w, hardware(Map.of()), d).energyEfficiencyGopsPerWatt();
        double doubled = Estimator.estimate(w, hardware(Map.of("readVoltageVolts", 0.4)), d)
                .energyEfficiencyGopsPerWatt();
        assertThat(doubled).isLessThan(base);
    }

    @Property(tries = 100)
    void doublingTheAdcAreaLowersThroughputPerArea(@ForAll("workloads") Workload w) {
        DeviceConfig d = device(Map.of());
        ParameterValues<HardwareParameter> hw = hardware(Map.of());
        double base = Estimator.estimate(w, hw, d).throughputPerAreaTopsPerMm2();
        double doubled = Estimator.estimate(
                        w, hardware(Map.of("adcAreaSquareMicrons", 2 * hw.get(HardwareParameter.ADC_AREA))), d)
                .throughputPerAreaTopsPerMm2();
        assertThat(doubled).isLessThan(base);
    }

    @Test
    void doublingTheTransferIntervalLowersTheTransferShareOfEnergy() {
        ParameterValues<HardwareParameter> hw = hardware(Map.of());
        for (int interval : List.of(500, 8000, 100_000)) {
            Estimate base = Reference.estimate(hw, device(Map.of("transferIntervalExamples", interval)));
            Estimate doubled = Reference.estimate(hw, device(Map.of("transferIntervalExamples", 2 * interval)));
            double shareBase = base.phases().get("transfer").energyJoules() / base.energyPerExampleJoules();
            double shareDoubled = doubled.phases().get("transfer").energyJoules() / doubled.energyPerExampleJoules();
            assertThat(shareDoubled).isLessThan(shareBase);
        }
    }

    @Property(tries = 100)
    void morePulsesMeanMoreUpdateEnergy(@ForAll("workloads") Workload w) {
        Workload more = new Workload(
                w.forwardMacs(),
                w.forwardActiveMacs(),
                w.backwardMacs(),
                w.updateMacs(),
                w.forwardConversions(),
                w.backwardConversions(),
                w.lineDrives(),
                w.neuronForwardOps(),
                w.neuronBackwardOps(),
                w.capPulses() * 2 + 1,
                w.pcmSetPulses() * 2 + 1,
                w.pcmResetPulses(),
                w.pcmProgramIterations(),
                w.transferRowIterations(),
                w.layers(),
                w.backwardLayers(),
                w.tiles(),
                w.tileRows(),
                w.tileCols());
        DeviceConfig d = device(Map.of());
        var hw = hardware(Map.of());
        assertThat(Estimator.estimate(more, hw, d).phases().get("update").energyJoules())
                .isGreaterThan(
                        Estimator.estimate(w, hw, d).phases().get("update").energyJoules());
    }

    @Test
    void aRunsEstimateUsesItsOwnEventCounts() throws Exception {
        TrainTestSplit data = DatasetCatalog.load(
                DatasetCatalog.MNIST_10K,
                f -> EstimatorTests.class.getResourceAsStream("/datasets/mnist-10k/" + f),
                null);
        double[] updateEnergy = new double[2];
        double[] lr = {0.02, 0.2};
        for (int k = 0; k < 2; k++) {
            RunSpec s = RunSpec.resolve(
                    new SimulationSpec(
                            new SimulationSpec.DatasetSpec(null, 500, 100),
                            new SimulationSpec.NetworkSpec(List.of(784, 16, 10), null),
                            new SimulationSpec.TrainingSpec(1, lr[k]),
                            null,
                            null,
                            1L),
                    0);
            TrainingResult r = Trainer.train(s, data.train(), data.test(), TrainingListener.NONE, () -> false);
            Workload w = Workload.fromRun(r.counters(), s.layerArray(), r.tiles(), s.tileRows(), s.tileCols());
            assertThat(w.capPulses()).isEqualTo((double) r.counters().updatePulses() / 500);
            updateEnergy[k] = Estimator.estimate(w, s.hardware(), s.deviceConfig())
                    .phases()
                    .get("update")
                    .energyJoules();
        }
        assertThat(updateEnergy[1]).isGreaterThan(updateEnergy[0]);
    }
}
