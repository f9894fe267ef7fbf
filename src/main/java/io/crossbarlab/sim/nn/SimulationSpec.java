package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.device.CapacitorTable;
import io.crossbarlab.sim.device.PcmJumpTable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The one unresolved spec: a simulation as a user writes it in JSON (the command line's spec file,
 * the training part of a job submission, the spec stored with a job). Every field but {@code
 * network} is optional; {@link RunSpec#resolve} fills the defaults from the presets and validates
 * it once, and {@link #from} writes a resolved run back out in this shape with every value filled.
 * Its records carry OpenAPI annotations (metadata only; the simulator never reads them) so that the
 * API documents exactly this type.
 */
@Schema(
        description =
                "What to simulate: dataset, network, training, device and hardware; everything but the network is optional.")
public record SimulationSpec(
        @Schema(description = "Dataset and how much of it to use")
        DatasetSpec dataset,

        @Schema(description = "Network architecture", requiredMode = Schema.RequiredMode.REQUIRED)
        NetworkSpec network,

        @Schema(description = "SGD settings") TrainingSpec training,

        @Schema(description = "Unit-cell scheme and device parameters")
        DeviceSpec device,

        @Schema(description = "Tile geometry and periphery parameters")
        HardwareSpec hardware,

        @Schema(description = "Root seed of every random stream; generated and stored when absent", example = "42")
        Long seed) {

    @Schema(description = "Dataset selection")
    public record DatasetSpec(
            @Schema(
                    description = "Dataset name (GET /api/v1/datasets lists them)",
                    example = "mnist-10k",
                    defaultValue = "mnist-10k")
            String name,

            @Schema(
                    description = "Use only the first N training examples",
                    example = "8000",
                    minimum = "1",
                    maximum = "10000000")
            Integer trainLimit,

            @Schema(
                    description = "Use only the first N test examples",
                    example = "2000",
                    minimum = "1",
                    maximum = "10000000")
            Integer testLimit) {}

    @Schema(description = "Fully connected network")
    public record NetworkSpec(
            @ArraySchema(
                    arraySchema =
                            @Schema(
                                    description =
                                            "Layer sizes [inputs, hidden..., classes]; 2 to 10 entries of 1 to 8192",
                                    example = "[784, 250, 10]"),
                    minItems = 2,
                    maxItems = 10,
                    schema = @Schema(minimum = "1", maximum = "8192", format = "int32", type = "integer"))
            List<Integer> layers,

            @Schema(
                    description = "Hidden activation",
                    allowableValues = {"sigmoid", "tanh", "relu"},
                    example = "sigmoid",
                    defaultValue = "sigmoid")
            String activation) {}

    @Schema(description = "Per-example SGD")
    public record TrainingSpec(
            @Schema(
                    description = "Passes over the training set, 1 to 1000",
                    example = "20",
                    defaultValue = "20",
                    minimum = "1",
                    maximum = "1000")
            Integer epochs,

            @Schema(
                    description = "SGD learning rate, 0.000001 to 10 (dimensionless)",
                    example = "0.1",
                    minimum = "0.000001",
                    maximum = "10")
            Double learningRate,

            @ArraySchema(
                    schema =
                            @Schema(
                                    description = "Seconds after programming, 0.000001 to 1000000000",
                                    minimum = "0.000001",
                                    maximum = "1000000000",
                                    example = "86400"),
                    maxItems = 20,
                    arraySchema =
                            @Schema(
                                    description =
                                            "After training, program the trained weights into the PCM pairs alone "
                                                    + "(analog schemes) and evaluate the test set at these times after "
                                                    + "programming, under drift and 1/f read noise, with and without global "
                                                    + "drift compensation; at most 20 times",
                                    example = "[1, 3600, 86400, 31536000]"))
            List<Double> inferenceTimesSeconds) {

        public TrainingSpec(Integer epochs, Double learningRate) {
            this(epochs, learningRate, null);
        }
    }

    @Schema(description = "Unit-cell scheme and device parameters")
    public record DeviceSpec(
            @Schema(
                    description = "Unit-cell scheme",
                    allowableValues = {"FLOATING_POINT", "PCM_PAIR", "PCM_3T1C"},
                    example = "PCM_3T1C",
                    defaultValue = "PCM_3T1C")
            String scheme,

            @Schema(
                    description = "Device preset (GET /api/v1/presets); default depends on the scheme",
                    example = "ambrogio-2018")
            String preset,

            @Schema(
                    description =
                            "Device parameter overrides by name, each within its documented range (units per GET /api/v1/presets/{name})",
                    example = "{\"polarityInversion\": false}")
            Map<String, Object> overrides,

            @Schema(
                    description =
                            "Measured 3T1C curves replacing the compact model (PCM_3T1C only): at each capacitor voltage (V, strictly increasing, covering 0 to the supply) the read conductance g (uS) and the voltage change of one charge and one discharge pulse (V, magnitudes); 2 to 10000 points; per-device variation is applied on top")
            CapacitorTableSpec capacitorTable,

            @Schema(
                    description =
                            "Measured PCM partial-SET response replacing the compact model (PCM_PAIR only), in the jump-table formalism: at each conductance (uS, strictly increasing, 0 to pcmGMax) the mean and standard deviation of the conductance jump of one pulse (uS); 2 to 10000 points; per-device variation is applied on top")
            PcmJumpTableSpec pcmJumpTable) {

        public DeviceSpec(String scheme, String preset, Map<String, Object> overrides) {
            this(scheme, preset, overrides, null, null);
        }

        public DeviceSpec(
                String scheme, String preset, Map<String, Object> overrides, CapacitorTableSpec capacitorTable) {
            this(scheme, preset, overrides, capacitorTable, null);
        }
    }

    @Schema(
            description =
                    "A measured PCM device's jump per partial-SET pulse, binned by conductance (a nominal device; per-device variation is applied on top)")
    @SuppressWarnings("ArrayRecordComponent") // the JSON arrays of a measured table, never compared
    public record PcmJumpTableSpec(
            @Schema(description = "Conductances, uS, strictly increasing, from 0 to pcmGMax")
            double[] conductanceMicrosiemens,

            @Schema(
                    description =
                            "Mean conductance jump of one pulse at each conductance, uS, at least 0 (above 0 at G = 0)")
            double[] meanStepMicrosiemens,

            @Schema(description = "Standard deviation of the jump at each conductance, uS, at least 0")
            double[] stdStepMicrosiemens,

            @Schema(
                    description =
                            "Instead of mean and standard deviation: per conductance, the jump's quantiles at probabilities 0, 1/(Q-1), ..., 1 (uS, non-decreasing, the same Q = 2 to 1000 for every conductance); a jump is drawn from the piecewise-linear distribution they define")
            double[][] jumpQuantilesMicrosiemens,

            @Schema(
                    description =
                            "Instead of the arrays: the SHA-256 of a table uploaded to POST /api/v1/device-tables (the service puts its arrays here)")
            String sha256) {

        public PcmJumpTableSpec(
                double[] conductanceMicrosiemens, double[] meanStepMicrosiemens, double[] stdStepMicrosiemens) {
            this(conductanceMicrosiemens, meanStepMicrosiemens, stdStepMicrosiemens, null, null);
        }

        PcmJumpTable toTable() {
            return new PcmJumpTable(
                    conductanceMicrosiemens, meanStepMicrosiemens, stdStepMicrosiemens, jumpQuantilesMicrosiemens);
        }

        public static PcmJumpTableSpec of(PcmJumpTable t) {
            return t == null
                    ? null
                    : new PcmJumpTableSpec(
                            t.conductanceMicrosiemens(),
                            t.meanStepMicrosiemens(),
                            t.stdStepMicrosiemens(),
                            t.jumpQuantilesMicrosiemens(),
                            null);
        }
    }

    @Schema(
            description =
                    "A measured 3T1C cell, point by point (a nominal cell; per-device variation is applied on top)")
    @SuppressWarnings("ArrayRecordComponent") // the JSON arrays of a measured curve, never compared
    public record CapacitorTableSpec(
            @Schema(description = "Capacitor voltages, V, strictly increasing, covering 0 to the supply")
            double[] volts,

            @Schema(description = "Read-transistor conductance g at each voltage, uS, at least 0")
            double[] readMicrosiemens,

            @Schema(description = "Voltage change of one charge pulse at each voltage, V, at least 0")
            double[] upVolts,

            @Schema(description = "Voltage change of one discharge pulse at each voltage, V, a magnitude, at least 0")
            double[] downVolts,

            @Schema(
                    description =
                            "Instead of the arrays: the SHA-256 of a table uploaded to POST /api/v1/device-tables (the service puts its arrays here)")
            String sha256) {

        public CapacitorTableSpec(double[] volts, double[] readMicrosiemens, double[] upVolts, double[] downVolts) {
            this(volts, readMicrosiemens, upVolts, downVolts, null);
        }

        CapacitorTable toTable() {
            return new CapacitorTable(volts, readMicrosiemens, upVolts, downVolts);
        }

        public static CapacitorTableSpec of(CapacitorTable t) {
            return t == null
                    ? null
                    : new CapacitorTableSpec(t.volts(), t.readMicrosiemens(), t.upVolts(), t.downVolts());
        }
    }

    @Schema(description = "Hardware")
    public record HardwareSpec(
            @Schema(description = "Hardware preset", example = "ambrogio-2018", defaultValue = "ambrogio-2018")
            String preset,

            @Schema(
                    description = "Rows (inputs) per crossbar tile, 8 to 4096 cells",
                    example = "512",
                    defaultValue = "512",
                    minimum = "8",
                    maximum = "4096")
            Integer tileRows,

            @Schema(
                    description = "Columns (outputs) per crossbar tile, 8 to 4096 cells",
                    example = "512",
                    defaultValue = "512",
                    minimum = "8",
                    maximum = "4096")
            Integer tileCols,

            @Schema(description = "Hardware parameter overrides by name", example = "{\"adcBits\": 8}")
            Map<String, Object> overrides) {}

    /**
     * The complete spec of a resolved run: every default written out, and every device and hardware
     * parameter's value in {@code overrides}, so that the stored spec reproduces the run even if a
     * preset's values change in a later version.
     */
    public static SimulationSpec from(RunSpec s) {
        return new SimulationSpec(
                new DatasetSpec(s.dataset(), s.trainLimit(), s.testLimit()),
                new NetworkSpec(s.layers(), s.activation().name().toLowerCase(java.util.Locale.ROOT)),
                new TrainingSpec(
                        s.epochs(), s.learningRate(), s.inferenceSeconds().isEmpty() ? null : s.inferenceSeconds()),
                new DeviceSpec(
                        s.scheme().name(),
                        s.devicePreset(),
                        s.device().asMap(),
                        CapacitorTableSpec.of(s.capacitorTable()),
                        PcmJumpTableSpec.of(s.pcmJumpTable())),
                new HardwareSpec(
                        s.hardwarePreset(),
                        s.tileRows(),
                        s.tileCols(),
                        s.hardware().asMap()),
                s.seed());
    }
}
