package io.crossbarlab.sim.estimate;

import static io.crossbarlab.sim.preset.HardwareParameter.*;

import io.crossbarlab.sim.cell.DeviceConfig;
import io.crossbarlab.sim.preset.HardwareParameter;
import io.crossbarlab.sim.preset.ParameterValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A component model from hardware parameters and a workload to energy, time and area. Equations
 * (per training example; N = counts per example from the {@link Workload}):
 *
 * <pre>
 * E_read     = V_read² · G_cell · t_int · duty · (N_fwd,active + N_bwd)
 * E_adc      = e_adc · (conversions_fwd + conversions_bwd)
 * E_drivers  = e_line · (drives_fwd + drives_bwd + drives_update)
 * E_neurons  = e_neuron · (neuron ops fwd + bwd)
 * E_cap      = C · V_dd · ΔV · (3T1C pulses)
 * E_pcm,upd  = e_set · (partial-SET pulses)                       (PCM_PAIR)
 * E_transfer = e_reset · RESETs + (e_set + e_verify) · iterations   (amortised: counts are per example)
 * t_layer    = (t_int + t_adc) forward + (t_int + t_adc) backward + t_update
 * t_example  = max over layers of t_layer (pipelined) or their sum, + t_iter · transfer row iterations
 *              (rows program one at a time, each as long as its slowest cell; tiles in parallel)
 * A          = tiles · (rows·cols·a_cell + (rows + cols)·(a_adc + a_driver) + cols·a_neuron)
 * </pre>
 *
 * One operation is one multiply or one add: each cell of each forward MVM, backward MVM and update
 * performs two.
 */
public final class Estimator {

    private Estimator() {}

    /** Forward, backward and update time of one training example, s (see the class comment). */
    static double[] phaseSeconds(int layers, int backwardLayers, ParameterValues<HardwareParameter> hw) {
        double tMvm = hw.get(INTEGRATION_TIME) + hw.get(ADC_TIME);
        double tUpdate = hw.get(UPDATE_TIME);
        if (hw.getBoolean(LAYERS_PIPELINED)) {
            // the slowest layer sets the pace; a layer with a backward pass is the slowest
            return new double[] {tMvm, backwardLayers > 0 ? tMvm : 0, tUpdate};
        }
        return new double[] {tMvm * layers, tMvm * backwardLayers, tUpdate * layers};
    }

    /**
     * The hardware's time per training example without transfers, s: the clock of the simulated
     * physics (leakage, drift, read noise) of a network of {@code layers} layers, the first of which runs
     * no backward MVM. The estimate of a run reports the same time, plus its transfers.
     */
    public static double trainingSecondsPerExample(int layers, ParameterValues<HardwareParameter> hw) {
        double[] t = phaseSeconds(layers, layers - 1, hw);
        return t[0] + t[1] + t[2];
    }

    public static Estimate estimate(Workload w, ParameterValues<HardwareParameter> hw, DeviceConfig device) {
        double v = hw.get(READ_VOLTAGE);
        double g = hw.get(MEAN_CELL_CONDUCTANCE) * 1e-6;
        double tInt = hw.get(INTEGRATION_TIME);
        double readPerCell = v * v * g * tInt * hw.get(INPUT_DUTY);
        double eAdc = hw.get(ADC_ENERGY);
        double eLine = hw.get(LINE_DRIVER_ENERGY);
        double eNeuron = hw.get(NEURON_ENERGY);
        double ePulse = hw.get(CAPACITOR)
                * device.capacitor().supplyVolts()
                * device.capacitor().stepVolts();

        Map<String, Double> components = new LinkedHashMap<>();
        double readF = readPerCell * w.forwardActiveMacs();
        double readB = readPerCell * w.backwardMacs();
        double adcF = eAdc * w.forwardConversions();
        double adcB = eAdc * w.backwardConversions();
        double drvF = eLine * w.lineDrives()[0];
        double drvB = eLine * w.lineDrives()[1];
        double drvU = eLine * w.lineDrives()[2];
        double neuF = eNeuron * w.neuronForwardOps();
        double neuB = eNeuron * w.neuronBackwardOps();
        double cap = ePulse * w.capPulses();
        double pcmUpd = hw.get(PCM_SET_ENERGY) * w.pcmSetPulses();
        double transfer = hw.get(PCM_RESET_ENERGY) * w.pcmResetPulses()
                + (hw.get(PCM_SET_ENERGY) + hw.get(PCM_VERIFY_ENERGY)) * w.pcmProgramIterations();
        components.put("arrayRead", readF + readB);
        components.put("adc", adcF + adcB);
        components.put("lineDrivers", drvF + drvB + drvU);
        components.put("neurons", neuF + neuB);
        components.put("capacitorUpdate", cap);
        components.put("pcmUpdate", pcmUpd);
        components.put("pcmTransfer", transfer);

        double tTransfer = hw.get(PCM_ITERATION_TIME) * w.transferRowIterations();
        double[] t = phaseSeconds(w.layers(), w.backwardLayers(), hw);
        double tForward = t[0];
        double tBackward = t[1];
        double tUpd = t[2];
        Map<String, Estimate.Phase> phases = new LinkedHashMap<>();
        phases.put("forward", new Estimate.Phase(readF + adcF + drvF + neuF, tForward));
        phases.put("backward", new Estimate.Phase(readB + adcB + drvB + neuB, tBackward));
        phases.put("update", new Estimate.Phase(drvU + cap + pcmUpd, tUpd));
        phases.put("transfer", new Estimate.Phase(transfer, tTransfer));

        double energy = 0;
        for (double e : components.values()) {
            energy += e;
        }
        double seconds = tForward + tBackward + tUpd + tTransfer;
        double rows = w.tileRows();
        double cols = w.tileCols();
        double tileArea = rows * cols * hw.get(CELL_AREA)
                + (rows + cols) * (hw.get(ADC_AREA) + hw.get(LINE_DRIVER_AREA))
                + cols * hw.get(NEURON_AREA);
        double areaMm2 = w.tiles() * tileArea * 1e-6;
        Map<String, Double> area = new LinkedHashMap<>();
        area.put("cells", w.tiles() * rows * cols * hw.get(CELL_AREA) * 1e-6);
        area.put("adcs", w.tiles() * (rows + cols) * hw.get(ADC_AREA) * 1e-6);
        area.put("lineDrivers", w.tiles() * (rows + cols) * hw.get(LINE_DRIVER_AREA) * 1e-6);
        area.put("neurons", w.tiles() * cols * hw.get(NEURON_AREA) * 1e-6);
        double ops = w.opsPerExample();
        double examplesPerSecond = 1.0 / seconds;
        double opsPerSecond = ops * examplesPerSecond;
        double gopsPerWatt = ops / energy / 1e9;
        double topsPerMm2 = opsPerSecond / 1e12 / areaMm2;
        GpuReference gpu = GpuReference.V100;
        return new Estimate(
                ops,
                energy,
                seconds,
                examplesPerSecond,
                opsPerSecond / 1e9,
                energy * examplesPerSecond,
                gopsPerWatt,
                topsPerMm2,
                areaMm2,
                w.tiles(),
                phases,
                components,
                area,
                new Estimate.GpuComparison(
                        gpu.name(),
                        gpu.gopsPerWatt(),
                        gpu.topsPerMm2(),
                        gopsPerWatt / gpu.gopsPerWatt(),
                        topsPerMm2 / gpu.topsPerMm2()));
    }
}
