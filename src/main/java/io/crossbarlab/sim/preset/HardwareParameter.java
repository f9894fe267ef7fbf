package io.crossbarlab.sim.preset;

/**
 * Hardware (periphery) parameters of a run that are not properties of the unit cell: read-out
 * resolution used by the simulation. Tile geometry is given by {@code tileRows} and {@code tileCols}
 * of the hardware spec.
 */
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
            "ADC full scale of a tile's backward partial sums, in units of weight x error.");

    private final String key;
    private final String unit;
    private final double min;
    private final double max;
    private final Kind kind;
    private final String description;

    HardwareParameter(String key, String unit, double min, double max, Kind kind, String description) {
        this.key = key;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.kind = kind;
        this.description = description;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String unit() {
        return unit;
    }

    @Override
    public double min() {
        return min;
    }

    @Override
    public double max() {
        return max;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public String description() {
        return description;
    }
}
