package io.crossbarlab.sim.preset;

/**
 * Hardware parameters that are not properties of the unit cell: the read-out used by the simulation
 * and the energy, area and time of every component, used by the estimator. Tile geometry is given by
 * {@code tileRows} and {@code tileCols} of the hardware spec.
 */
@SuppressWarnings("ImmutableEnumChecker") // Spec is a record of strings, numbers and an enum
public enum HardwareParameter implements ParameterDef {
    ADC_BITS(
            "adcBits",
            "bits",
            0,
            16,
            Kind.INTEGER,
            "Resolution of each tile's column (forward) and row (backward) read-out; 0 = ideal read-out."),
    ADC_FORWARD_FULL_SCALE(
            "adcForwardFullScale",
            "1",
            0.01,
            1000,
            Kind.REAL,
            "ADC full scale of a tile's forward partial sums, in units of weight x activation."),
    ADC_BACKWARD_FULL_SCALE(
            "adcBackwardFullScale",
            "1",
            0.001,
            1000,
            Kind.REAL,
            "ADC full scale of a tile's backward partial sums, in units of weight x error."),

    // --- energy -----------------------------------------------------------------------------
    READ_VOLTAGE(
            "readVoltageVolts", "V", 0.01, 2, Kind.REAL, "Voltage across a cell while its line is driven in an MVM."),
    MEAN_CELL_CONDUCTANCE(
            "meanCellConductanceMicrosiemens",
            "uS",
            0.1,
            500,
            Kind.REAL,
            "Mean total conductance a unit cell presents to a read (both PCM devices and both 3T1C read transistors)."),
    INTEGRATION_TIME(
            "integrationTimeSeconds",
            "s",
            1e-10,
            1e-3,
            Kind.REAL,
            "Read window of one MVM; inputs are coded as pulse widths within it."),
    INPUT_DUTY(
            "inputDutyFactor",
            "1",
            0.01,
            1,
            Kind.REAL,
            "Mean fraction of the read window a driven line is on (mean coded input magnitude)."),
    ADC_ENERGY(
            "adcEnergyJoules",
            "J",
            1e-15,
            1e-9,
            Kind.REAL,
            "Energy of one column or row read-out: integrator, conversion and digital accumulation."),
    ADC_TIME(
            "adcConversionSeconds",
            "s",
            1e-11,
            1e-5,
            Kind.REAL,
            "Time of one read-out after integration (all columns of a tile convert in parallel)."),
    LINE_DRIVER_ENERGY(
            "lineDriverEnergyJoules",
            "J",
            1e-16,
            1e-10,
            Kind.REAL,
            "Energy to drive one row or column line for one MVM or update."),
    NEURON_ENERGY(
            "neuronEnergyJoules",
            "J",
            1e-16,
            1e-9,
            Kind.REAL,
            "Energy of one digital neuron operation (activation or derivative)."),
    CAPACITOR(
            "capacitorFarads",
            "F",
            1e-16,
            1e-12,
            Kind.REAL,
            "Capacitance of the 3T1C storage capacitor; a pulse draws C*Vdd*dV from the supply."),
    UPDATE_TIME(
            "updatePhaseSeconds",
            "s",
            1e-10,
            1e-3,
            Kind.REAL,
            "Duration of the parallel outer-product update of one layer."),
    PCM_SET_ENERGY(
            "pcmSetEnergyJoules",
            "J",
            1e-14,
            1e-9,
            Kind.REAL,
            "Energy of one PCM SET pulse (a partial SET, or one step of a program-and-verify ramp)."),
    PCM_RESET_ENERGY("pcmResetEnergyJoules", "J", 1e-14, 1e-9, Kind.REAL, "Energy of one PCM RESET pulse."),
    PCM_VERIFY_ENERGY(
            "pcmVerifyEnergyJoules", "J", 1e-16, 1e-10, Kind.REAL, "Energy of one verify read in closed-loop tuning."),
    PCM_ITERATION_TIME(
            "pcmIterationSeconds",
            "s",
            1e-9,
            1e-3,
            Kind.REAL,
            "Time of one program-and-verify iteration; a tile programs one row of cells at a time."),

    // --- area and time -------------------------------------------------------------------------
    CELL_AREA(
            "cellAreaSquareMicrons",
            "um2",
            0.001,
            100,
            Kind.REAL,
            "Area of one unit cell (2 PCM + 2 x 3T1C share of the pair)."),
    ADC_AREA(
            "adcAreaSquareMicrons",
            "um2",
            1,
            100000,
            Kind.REAL,
            "Area of one read-out (integrator + ADC); a tile has one per column and one per row."),
    LINE_DRIVER_AREA(
            "lineDriverAreaSquareMicrons",
            "um2",
            0.1,
            10000,
            Kind.REAL,
            "Area of one line driver; a tile has one per row and one per column."),
    NEURON_AREA(
            "neuronAreaSquareMicrons",
            "um2",
            0.1,
            100000,
            Kind.REAL,
            "Area of the digital neuron circuit of one tile column."),
    LAYERS_PIPELINED(
            "layersPipelined",
            "bool",
            0,
            1,
            Kind.BOOLEAN,
            "Layers work on different examples at once, so throughput is set by the slowest layer.");

    private final Spec spec;

    HardwareParameter(String key, String unit, double min, double max, Kind kind, String description) {
        this.spec = new Spec(key, unit, min, max, kind, description);
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
