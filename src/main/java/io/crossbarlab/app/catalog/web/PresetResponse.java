package io.crossbarlab.app.catalog.web;

import io.crossbarlab.sim.preset.ParameterDef;
import io.crossbarlab.sim.preset.Preset;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/** A named preset: device parameters, hardware parameters, or both under one name. */
@Schema(description = "A named, cited parameter set")
record PresetResponse(
        @Schema(description = "Preset name", example = "ambrogio-2018")
        String name,

        @Schema(
                description = "What it models",
                example = "2PCM + 3T1C unit cell with polarity inversion, as in the paper")
        String description,

        @Schema(description = "Source", example = "Ambrogio et al., Nature 558, 60-67 (2018)")
        String citation,

        @Schema(description = "Unit-cell scheme that uses this device preset by default", example = "PCM_3T1C")
        String scheme,

        @Schema(description = "Device and unit-cell parameters (absent for a hardware-only preset)")
        List<ParameterResponse> device,

        @Schema(description = "Hardware parameters (absent for a device-only preset)")
        List<ParameterResponse> hardware) {

    @Schema(description = "One parameter: value, unit, allowed range and where the value comes from")
    record ParameterResponse(
            @Schema(description = "Name used in overrides", example = "transferOffsetMicrosiemens")
            String name,

            @Schema(description = "Value in this preset, in the unit given", example = "2.0")
            Object value,

            @Schema(description = "Unit (1 = dimensionless, bool = switch)", example = "uS")
            String unit,

            @Schema(description = "Smallest allowed value", example = "0")
            double min,

            @Schema(description = "Largest allowed value", example = "20")
            double max,

            @Schema(description = "REAL, INTEGER or BOOLEAN", example = "REAL")
            String kind,

            @Schema(description = "PAPER, DERIVED, ASSUMED, CALIBRATED or LITERATURE", example = "PAPER")
            String source,

            @Schema(description = "Why this value", example = "paper: 2 uS offset at transfer")
            String reason,

            @Schema(description = "What the parameter means")
            String description) {}

    static <E extends Enum<E> & ParameterDef> List<ParameterResponse> parameters(Preset<E> p) {
        List<ParameterResponse> out = new ArrayList<>();
        p.values()
                .forEach((def, v) -> out.add(new ParameterResponse(
                        def.key(),
                        switch (def.kind()) {
                            case BOOLEAN -> v.value() != 0;
                            case INTEGER -> Math.round(v.value());
                            case REAL -> v.value();
                        },
                        def.unit(),
                        def.min(),
                        def.max(),
                        def.kind().name(),
                        v.source().name(),
                        v.reason(),
                        def.description())));
        return out;
    }
}
