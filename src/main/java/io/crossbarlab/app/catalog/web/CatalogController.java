package io.crossbarlab.app.catalog.web;

import io.crossbarlab.sim.cell.Scheme;
import io.crossbarlab.sim.preset.DeviceParameter;
import io.crossbarlab.sim.preset.DevicePresets;
import io.crossbarlab.sim.preset.HardwareParameter;
import io.crossbarlab.sim.preset.HardwarePresets;
import io.crossbarlab.sim.preset.Preset;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping(path = "/api/v1", produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "catalog", description = "Presets and datasets")
class CatalogController {

    @GetMapping("/presets")
    @Operation(
            operationId = "listPresets",
            summary = "Every preset with every parameter's value, unit, range and source")
    List<PresetResponse> presets() {
        Set<String> names = new LinkedHashSet<>();
        DevicePresets.all().forEach(p -> names.add(p.name()));
        HardwarePresets.all().forEach(p -> names.add(p.name()));
        List<PresetResponse> out = new ArrayList<>();
        for (String n : names) {
            out.add(describe(n).orElseThrow());
        }
        return out;
    }

    @GetMapping("/presets/{name}")
    @Operation(operationId = "getPreset", summary = "One preset")
    PresetResponse preset(@PathVariable String name) {
        return describe(name)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no preset named '" + name + "'"));
    }

    private static Optional<PresetResponse> describe(String name) {
        Optional<Preset<DeviceParameter>> d = DevicePresets.byName(name);
        Optional<Preset<HardwareParameter>> h = HardwarePresets.byName(name);
        if (d.isEmpty() && h.isEmpty()) {
            return Optional.empty();
        }
        String scheme = null;
        for (Scheme s : Scheme.values()) {
            if (s.defaultPreset().equals(name)) {
                scheme = s.name();
            }
        }
        return Optional.of(new PresetResponse(
                name,
                d.map(Preset::description).orElseGet(() -> h.get().description()),
                d.map(Preset::citation).orElseGet(() -> h.get().citation()),
                scheme,
                d.map(PresetResponse::parameters).orElse(null),
                h.map(PresetResponse::parameters).orElse(null)));
    }
}
