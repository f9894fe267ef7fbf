package io.crossbarlab.app.cli;

import io.crossbarlab.sim.cell.DeviceConfig;
import io.crossbarlab.sim.cell.Scheme;
import io.crossbarlab.sim.estimate.Estimate;
import io.crossbarlab.sim.estimate.Reference;
import io.crossbarlab.sim.preset.DeviceParameter;
import io.crossbarlab.sim.preset.DevicePresets;
import io.crossbarlab.sim.preset.HardwareParameter;
import io.crossbarlab.sim.preset.HardwarePresets;
import io.crossbarlab.sim.preset.ParameterValues;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar crossbar-lab.jar estimate [--sensitivity]}: the ambrogio-2018 hardware preset on its
 * reference workload against the paper's headline figures, and with {@code --sensitivity} how both
 * figures move when each main parameter is halved and doubled (Markdown, as in docs/estimates.md).
 */
public final class EstimateCommand {

    static final List<HardwareParameter> SENSITIVITY = List.of(
            HardwareParameter.READ_VOLTAGE,
            HardwareParameter.MEAN_CELL_CONDUCTANCE,
            HardwareParameter.INTEGRATION_TIME,
            HardwareParameter.ADC_ENERGY,
            HardwareParameter.ADC_TIME,
            HardwareParameter.LINE_DRIVER_ENERGY,
            HardwareParameter.NEURON_ENERGY,
            HardwareParameter.UPDATE_TIME,
            HardwareParameter.PCM_SET_ENERGY,
            HardwareParameter.PCM_RESET_ENERGY,
            HardwareParameter.PCM_ITERATION_TIME,
            HardwareParameter.CELL_AREA,
            HardwareParameter.ADC_AREA);

    private final PrintStream out;

    public EstimateCommand(PrintStream out) {
        this.out = out;
    }

    public int run(String[] args) {
        boolean sensitivity = List.of(args).contains("--sensitivity");
        DeviceConfig device = device(Map.of());
        ParameterValues<HardwareParameter> hw = hardware(Map.of());
        Estimate e = Reference.estimate(hw, device);
        out.printf(
                Locale.ROOT,
                "reference workload: one %d x %d tile, forward + backward + update, %.4f pulses/synapse/example, "
                        + "transfer every %d examples, %.3f program iterations per cell%n",
                Reference.TILE,
                Reference.TILE,
                Reference.PULSES_PER_SYNAPSE_PER_EXAMPLE,
                device.cell().transferIntervalExamples(),
                Reference.meanProgramIterations(device.pcm()));
        out.printf(Locale.ROOT, "| figure | paper | ours | difference |%n|---|---|---|---|%n");
        out.printf(
                Locale.ROOT,
                "| GOP/s/W | %.0f | %.1f | %+.3f %% |%n",
                Reference.PAPER_GOPS_PER_WATT,
                e.energyEfficiencyGopsPerWatt(),
                100 * (e.energyEfficiencyGopsPerWatt() / Reference.PAPER_GOPS_PER_WATT - 1));
        out.printf(
                Locale.ROOT,
                "| TOP/s/mm² | %.1f | %.4f | %+.3f %% |%n",
                Reference.PAPER_TOPS_PER_MM2,
                e.throughputPerAreaTopsPerMm2(),
                100 * (e.throughputPerAreaTopsPerMm2() / Reference.PAPER_TOPS_PER_MM2 - 1));
        out.printf(
                Locale.ROOT,
                "energy per example %.4g J, %.4g examples/s, %.4g W, area %.4f mm², vs %s: %.0fx GOP/s/W, %.0fx TOP/s/mm²%n",
                e.energyPerExampleJoules(),
                e.examplesPerSecond(),
                e.powerWatts(),
                e.areaMm2(),
                e.gpu().name(),
                e.gpu().energyEfficiencyRatio(),
                e.gpu().throughputPerAreaRatio());
        out.println("components (J per example): " + e.components());
        out.println("area by component (mm2): " + e.areaComponents());
        if (!sensitivity) {
            return 0;
        }
        out.printf(
                Locale.ROOT,
                "%n| parameter | value | GOP/s/W at x0.5 | at x2 | TOP/s/mm² at x0.5 | at x2 |%n|---|---|---|---|---|---|%n");
        for (HardwareParameter p : SENSITIVITY) {
            double v = hw.get(p);
            row(
                    p.key(),
                    String.format(Locale.ROOT, "%.4g %s", v, p.unit()),
                    e,
                    Reference.estimate(hardware(Map.of(p.key(), v / 2)), device),
                    Reference.estimate(hardware(Map.of(p.key(), v * 2)), device));
        }
        int t = device.cell().transferIntervalExamples();
        row(
                "transferIntervalExamples (device)",
                t + " examples",
                e,
                Reference.estimate(hw, device(Map.of(DeviceParameter.TRANSFER_INTERVAL.key(), t / 2))),
                Reference.estimate(hw, device(Map.of(DeviceParameter.TRANSFER_INTERVAL.key(), t * 2))));
        return 0;
    }

    /** One sensitivity row: both headline figures at half and at double the parameter. */
    private void row(String name, String value, Estimate base, Estimate half, Estimate dbl) {
        double g = base.energyEfficiencyGopsPerWatt();
        double a = base.throughputPerAreaTopsPerMm2();
        out.printf(
                Locale.ROOT,
                "| %s | %s | %.0f (%+.1f %%) | %.0f (%+.1f %%) | %.3f (%+.1f %%) | %.3f (%+.1f %%) |%n",
                name,
                value,
                half.energyEfficiencyGopsPerWatt(),
                pct(half.energyEfficiencyGopsPerWatt(), g),
                dbl.energyEfficiencyGopsPerWatt(),
                pct(dbl.energyEfficiencyGopsPerWatt(), g),
                half.throughputPerAreaTopsPerMm2(),
                pct(half.throughputPerAreaTopsPerMm2(), a),
                dbl.throughputPerAreaTopsPerMm2(),
                pct(dbl.throughputPerAreaTopsPerMm2(), a));
    }

    private static double pct(double x, double base) {
        return 100 * (x / base - 1);
    }

    static DeviceConfig device(Map<String, Object> overrides) {
        return DeviceConfig.of(
                Scheme.PCM_3T1C,
                DevicePresets.byName(DevicePresets.AMBROGIO_2018).orElseThrow().resolve(overrides, ""));
    }

    static ParameterValues<HardwareParameter> hardware(Map<String, Object> overrides) {
        return HardwarePresets.byName(HardwarePresets.AMBROGIO_2018)
                .orElseThrow()
                .resolve(overrides, "");
    }
}
