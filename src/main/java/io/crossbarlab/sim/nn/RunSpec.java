package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.cell.DeviceConfig;
import io.crossbarlab.sim.cell.Scheme;
import io.crossbarlab.sim.data.DatasetCatalog;
import io.crossbarlab.sim.device.CapacitorTable;
import io.crossbarlab.sim.device.PcmJumpTable;
import io.crossbarlab.sim.estimate.Estimator;
import io.crossbarlab.sim.preset.DeviceParameter;
import io.crossbarlab.sim.preset.DevicePresets;
import io.crossbarlab.sim.preset.HardwareParameter;
import io.crossbarlab.sim.preset.HardwarePresets;
import io.crossbarlab.sim.preset.InvalidSpecException;
import io.crossbarlab.sim.preset.InvalidSpecException.Violation;
import io.crossbarlab.sim.preset.ParameterValues;
import io.crossbarlab.sim.preset.Preset;
import io.crossbarlab.sim.tile.TileParameters;
import io.crossbarlab.sim.tile.TileShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A complete, validated run: every default applied. Same spec and seed give bit-identical results on
 * the same JDK.
 *
 * @param dataset dataset name
 * @param trainLimit first N training examples, or null for all
 * @param testLimit first N test examples, or null for all
 * @param layers layer sizes [inputs, hidden..., classes]
 * @param activation hidden activation
 * @param epochs passes over the training set
 * @param learningRate SGD step size
 * @param scheme unit-cell scheme
 * @param devicePreset device preset name
 * @param device every device parameter's value
 * @param hardwarePreset hardware preset name
 * @param hardware every hardware parameter's value
 * @param tileRows rows per tile
 * @param tileCols columns per tile
 * @param seed root seed
 * @param capacitorTable measured 3T1C curves replacing the compact model, or null
 * @param pcmJumpTable measured PCM partial-SET jumps replacing the compact model (PCM_PAIR), or null
 * @param inferenceSeconds times after programming at which the trained network is evaluated on its
 *     PCM pairs alone, ascending and distinct (empty: none)
 */
public record RunSpec(
        String dataset,
        Integer trainLimit,
        Integer testLimit,
        List<Integer> layers,
        Activation activation,
        int epochs,
        double learningRate,
        Scheme scheme,
        String devicePreset,
        ParameterValues<DeviceParameter> device,
        String hardwarePreset,
        ParameterValues<HardwareParameter> hardware,
        int tileRows,
        int tileCols,
        long seed,
        CapacitorTable capacitorTable,
        List<Double> inferenceSeconds,
        PcmJumpTable pcmJumpTable) {

    /** Default epochs: the paper trains MNIST for 20. */
    public static final int DEFAULT_EPOCHS = 20;

    public static final int MAX_EPOCHS = 1000;
    public static final int MAX_INFERENCE_TIMES = 20;
    public static final int MAX_LAYERS = 10;
    public static final int MAX_LAYER_SIZE = 8192;
    public static final int MIN_TILE_SIZE = 8;
    public static final int MAX_TILE_SIZE = 4096;
    public static final double MAX_LEARNING_RATE = 10.0;

    /**
     * Smallest learning rate accepted: below it every requested update is far under one device pulse,
     * so a run would train nothing while costing its full time (and a denormal rate is a typo).
     */
    public static final double MIN_LEARNING_RATE = 1e-6;

    /**
     * Default learning rate [assumed]: 0.1 for every scheme, so that a scheme is compared with floating
     * point at the same step size (docs/reproduction.md).
     */
    public static final double DEFAULT_LEARNING_RATE = 0.1;

    public int[] layerArray() {
        return layers.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Tiles this run occupies. */
    public int tiles() {
        return TileShape.tilesForNetwork(layerArray(), tileRows, tileCols);
    }

    /** The most times after training a run may evaluate its PCM pairs at. */
    public DeviceConfig deviceConfig() {
        return DeviceConfig.of(scheme, device, capacitorTable, pcmJumpTable);
    }

    /** Tile geometry, read-out and the hardware's time per example (the clock of the device physics). */
    public TileParameters tileParameters() {
        return new TileParameters(
                tileRows,
                tileCols,
                hardware.getInt(HardwareParameter.ADC_BITS),
                hardware.get(HardwareParameter.ADC_FORWARD_FULL_SCALE),
                hardware.get(HardwareParameter.ADC_BACKWARD_FULL_SCALE),
                Estimator.trainingSecondsPerExample(layers.size() - 1, hardware),
                hardware.get(HardwareParameter.PCM_ITERATION_TIME));
    }

    /**
     * Validates {@code request} and applies defaults. Every problem is reported at once in an {@link
     * InvalidSpecException}, each under its JSON path.
     *
     * @param defaultSeed used when the request has no seed
     */
    public static RunSpec resolve(SimulationSpec request, long defaultSeed) {
        return resolve(request, defaultSeed, DatasetCatalog::byName);
    }

    /**
     * Validates {@code request} against the data sets {@code datasets} knows (the built-in ones and any
     * uploaded), and applies defaults.
     *
     * @param defaultSeed used when the request has no seed
     * @param datasets a data set's description by name, or empty if there is none of that name
     */
    public static RunSpec resolve(
            SimulationSpec request, long defaultSeed, Function<String, Optional<DatasetCatalog.Info>> datasets) {
        List<Violation> v = new ArrayList<>();
        SimulationSpec.DatasetSpec ds =
                request.dataset() != null ? request.dataset() : new SimulationSpec.DatasetSpec(null, null, null);
        String datasetName = ds.name() != null ? ds.name() : DatasetCatalog.MNIST_10K;
        Optional<DatasetCatalog.Info> info = datasets.apply(datasetName);
        if (info.isEmpty()) {
            v.add(new Violation(
                    "dataset.name",
                    "unknown dataset '" + datasetName + "'; built in: "
                            + String.join(
                                    ", ",
                                    DatasetCatalog.all().stream()
                                            .map(DatasetCatalog.Info::name)
                                            .toList())
                            + "; or the name of an uploaded one"));
        }
        int maxTrain = info.map(i -> i.trainExamples() != null ? i.trainExamples() : 10_000_000)
                .orElse(10_000_000);
        int maxTest = info.map(i -> i.testExamples() != null ? i.testExamples() : 10_000_000)
                .orElse(10_000_000);
        checkRange(v, "dataset.trainLimit", ds.trainLimit(), 1, maxTrain);
        checkRange(v, "dataset.testLimit", ds.testLimit(), 1, maxTest);

        SimulationSpec.NetworkSpec net = request.network();
        List<Integer> layers = net != null ? net.layers() : null;
        if (layers == null) {
            v.add(new Violation(
                    "network.layers", "required: layer sizes [inputs, hidden..., classes], e.g. [784, 250, 10]"));
        } else if (layers.size() < 2 || layers.size() > MAX_LAYERS) {
            v.add(new Violation(
                    "network.layers",
                    "must list between 2 and " + MAX_LAYERS + " layer sizes (was " + layers.size() + ")"));
        } else {
            for (int i = 0; i < layers.size(); i++) {
                Integer n = layers.get(i);
                if (n == null || n < 1 || n > MAX_LAYER_SIZE) {
                    v.add(new Violation(
                            "network.layers[" + i + "]",
                            "must be between 1 and " + MAX_LAYER_SIZE + " (was " + n + ")"));
                }
            }
            if (info.isPresent()) {
                if (layers.get(0) != null && layers.get(0) != info.get().features()) {
                    v.add(new Violation(
                            "network.layers[0]",
                            "must equal the dataset's " + info.get().features() + " inputs (was " + layers.get(0)
                                    + ")"));
                }
                Integer last = layers.get(layers.size() - 1);
                if (last != null && last != info.get().classes()) {
                    v.add(new Violation(
                            "network.layers[" + (layers.size() - 1) + "]",
                            "must equal the dataset's " + info.get().classes() + " classes (was " + last + ")"));
                }
            }
        }
        Activation activation = Activation.SIGMOID;
        if (net != null && net.activation() != null) {
            try {
                activation = Activation.valueOf(net.activation().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                v.add(new Violation(
                        "network.activation", "must be one of sigmoid, tanh, relu (was '" + net.activation() + "')"));
            }
        }

        SimulationSpec.DeviceSpec dev =
                request.device() != null ? request.device() : new SimulationSpec.DeviceSpec(null, null, null);
        DeviceChoice device = resolveDevice(dev, v);
        Scheme scheme = device.scheme();
        String presetName = device.preset();
        ParameterValues<DeviceParameter> deviceValues = device.values();

        SimulationSpec.TrainingSpec tr =
                request.training() != null ? request.training() : new SimulationSpec.TrainingSpec(null, null);
        checkRange(v, "training.epochs", tr.epochs(), 1, MAX_EPOCHS);
        if (tr.learningRate() != null
                && !(tr.learningRate() >= MIN_LEARNING_RATE && tr.learningRate() <= MAX_LEARNING_RATE)) {
            v.add(new Violation(
                    "training.learningRate",
                    "must be between 0.000001 and 10 (dimensionless; was " + tr.learningRate() + ")"));
        }

        SimulationSpec.HardwareSpec hw = request.hardware() != null
                ? request.hardware()
                : new SimulationSpec.HardwareSpec(null, null, null, null);
        HardwareChoice hardware = resolveHardware(hw, v);
        String hwPreset = hardware.preset();
        ParameterValues<HardwareParameter> hwValues = hardware.values();

        List<Double> inference = tr.inferenceTimesSeconds() == null ? List.of() : tr.inferenceTimesSeconds();
        if (inference.size() > MAX_INFERENCE_TIMES) {
            v.add(new Violation(
                    "training.inferenceTimesSeconds",
                    "at most " + MAX_INFERENCE_TIMES + " times (was " + inference.size() + ")"));
        }
        for (int i = 0; i < inference.size(); i++) {
            Double t = inference.get(i);
            if (t == null || !(t >= 1e-6 && t <= 1e9)) {
                v.add(new Violation(
                        "training.inferenceTimesSeconds[" + i + "]",
                        "must be between 0.000001 and 1000000000 s after programming (was " + t + ")"));
            }
        }
        if (!inference.isEmpty() && scheme == Scheme.FLOATING_POINT) {
            v.add(new Violation(
                    "training.inferenceTimesSeconds",
                    "needs an analog scheme (PCM_3T1C or PCM_PAIR): floating point has no devices to drift"));
        }
        if (dev.capacitorTable() != null && dev.capacitorTable().sha256() != null) {
            v.add(new Violation(
                    "device.capacitorTable.sha256",
                    "an uploaded table is resolved by the service (POST /api/v1/jobs); give the arrays here"));
        }
        if (dev.pcmJumpTable() != null && dev.pcmJumpTable().sha256() != null) {
            v.add(new Violation(
                    "device.pcmJumpTable.sha256",
                    "an uploaded table is resolved by the service (POST /api/v1/jobs); give the arrays here"));
        }
        CapacitorTable table =
                dev.capacitorTable() == null ? null : dev.capacitorTable().toTable();
        if (table != null && scheme != null && scheme != Scheme.PCM_3T1C) {
            v.add(new Violation(
                    "device.capacitorTable", "only the PCM_3T1C scheme has 3T1C cells (was " + scheme + ")"));
        } else if (table != null && deviceValues != null) {
            v.addAll(table.check(deviceValues.get(DeviceParameter.CAP_SUPPLY_VOLTS), "device.capacitorTable."));
        }
        PcmJumpTable jumps =
                dev.pcmJumpTable() == null ? null : dev.pcmJumpTable().toTable();
        if (jumps != null && scheme != null && scheme != Scheme.PCM_PAIR) {
            v.add(new Violation(
                    "device.pcmJumpTable",
                    "only the PCM_PAIR scheme updates its PCM devices by partial-SET pulses (was " + scheme + ")"));
        } else if (jumps != null && deviceValues != null) {
            v.addAll(jumps.check(deviceValues.get(DeviceParameter.PCM_G_MAX), "device.pcmJumpTable."));
        }
        if (!v.isEmpty()) {
            throw new InvalidSpecException(v);
        }
        return new RunSpec(
                datasetName,
                ds.trainLimit(),
                ds.testLimit(),
                List.copyOf(layers),
                activation,
                tr.epochs() != null ? tr.epochs() : DEFAULT_EPOCHS,
                tr.learningRate() != null ? tr.learningRate() : DEFAULT_LEARNING_RATE,
                scheme,
                presetName,
                deviceValues,
                hwPreset,
                hwValues,
                hw.tileRows() != null ? hw.tileRows() : HardwarePresets.DEFAULT_TILE_ROWS,
                hw.tileCols() != null ? hw.tileCols() : HardwarePresets.DEFAULT_TILE_COLS,
                request.seed() != null ? request.seed() : defaultSeed,
                table,
                inference.stream().filter(t -> t != null).distinct().sorted().toList(),
                jumps);
    }

    private record DeviceChoice(Scheme scheme, String preset, ParameterValues<DeviceParameter> values) {}

    private record HardwareChoice(String preset, ParameterValues<HardwareParameter> values) {}

    private static DeviceChoice resolveDevice(SimulationSpec.DeviceSpec dev, List<Violation> v) {
        Scheme scheme = null;
        if (dev.scheme() != null) {
            try {
                scheme = Scheme.valueOf(dev.scheme().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                v.add(new Violation(
                        "device.scheme",
                        "must be one of FLOATING_POINT, PCM_PAIR, PCM_3T1C (was '" + dev.scheme() + "')"));
            }
        }
        String presetName = dev.preset();
        if (scheme == null && dev.scheme() == null) {
            scheme = presetName == null ? Scheme.PCM_3T1C : schemeOfPreset(presetName);
        }
        if (presetName == null && scheme != null) {
            presetName = scheme.defaultPreset();
        }
        ParameterValues<DeviceParameter> deviceValues = null;
        var devicePreset = presetName == null
                ? java.util.Optional.<Preset<DeviceParameter>>empty()
                : DevicePresets.byName(presetName);
        if (presetName != null && devicePreset.isEmpty()) {
            v.add(new Violation(
                    "device.preset",
                    "unknown device preset '" + presetName + "'; known: "
                            + String.join(
                                    ", ",
                                    DevicePresets.all().stream()
                                            .map(Preset::name)
                                            .toList())));
        } else if (devicePreset.isPresent()) {
            try {
                deviceValues = devicePreset.get().resolve(dev.overrides(), "device.overrides.");
            } catch (InvalidSpecException e) {
                v.addAll(e.violations());
            }
        }

        return new DeviceChoice(scheme, presetName, deviceValues);
    }

    private static HardwareChoice resolveHardware(SimulationSpec.HardwareSpec hw, List<Violation> v) {
        String hwPreset = hw.preset() != null ? hw.preset() : HardwarePresets.AMBROGIO_2018;
        ParameterValues<HardwareParameter> hwValues = null;
        var hwp = HardwarePresets.byName(hwPreset);
        if (hwp.isEmpty()) {
            v.add(new Violation(
                    "hardware.preset",
                    "unknown hardware preset '" + hwPreset + "'; known: "
                            + String.join(
                                    ", ",
                                    HardwarePresets.all().stream()
                                            .map(Preset::name)
                                            .toList())));
        } else {
            try {
                hwValues = hwp.get().resolve(hw.overrides(), "hardware.overrides.");
            } catch (InvalidSpecException e) {
                v.addAll(e.violations());
            }
        }
        checkRange(v, "hardware.tileRows", hw.tileRows(), MIN_TILE_SIZE, MAX_TILE_SIZE);
        checkRange(v, "hardware.tileCols", hw.tileCols(), MIN_TILE_SIZE, MAX_TILE_SIZE);

        return new HardwareChoice(hwPreset, hwValues);
    }

    /**
     * The device and hardware of a request without a network (for estimates of the reference
     * workload).
     *
     * @param device typed device parameters
     * @param hardware hardware parameter values
     * @param devicePreset device preset name
     * @param hardwarePreset hardware preset name
     */
    public record HardwareOnly(
            DeviceConfig device,
            ParameterValues<HardwareParameter> hardware,
            String devicePreset,
            String hardwarePreset) {}

    /** Validates the device and hardware parts of {@code request} alone. */
    public static HardwareOnly resolveHardwareOnly(SimulationSpec request) {
        List<Violation> v = new ArrayList<>();
        DeviceChoice d = resolveDevice(
                request.device() != null ? request.device() : new SimulationSpec.DeviceSpec(null, null, null), v);
        HardwareChoice h = resolveHardware(
                request.hardware() != null
                        ? request.hardware()
                        : new SimulationSpec.HardwareSpec(null, null, null, null),
                v);
        if (!v.isEmpty()) {
            throw new InvalidSpecException(v);
        }
        return new HardwareOnly(DeviceConfig.of(d.scheme(), d.values()), h.values(), d.preset(), h.preset());
    }

    private static Scheme schemeOfPreset(String preset) {
        for (Scheme s : Scheme.values()) {
            if (s.defaultPreset().equals(preset)) {
                return s;
            }
        }
        return Scheme.PCM_3T1C;
    }

    private static void checkRange(List<Violation> v, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            v.add(new Violation(field, "must be between " + min + " and " + max + " (was " + value + ")"));
        }
    }
}
