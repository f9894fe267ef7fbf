package io.crossbarlab.app.catalog.web;

import io.crossbarlab.app.catalog.DeviceTables;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping(path = "/api/v1/device-tables", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "catalog", description = "Presets and datasets")
class DeviceTableController {

    private final DeviceTables tables;

    DeviceTableController(DeviceTables tables) {
        this.tables = tables;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "uploadDeviceTable",
            summary = "Store a measured device table (a PCM jump table or a 3T1C step table) by its hash",
            description = "Body: {\"pcmJumpTable\": {...}} or {\"capacitorTable\": {...}}, the same objects a spec"
                    + " takes inline. Validated (ranges that depend on a device's Gmax or supply are checked when a"
                    + " job uses it) and stored by the SHA-256 of its canonical JSON; a spec then names it as"
                    + " {\"sha256\": \"...\"} in device.pcmJumpTable or device.capacitorTable. 201 when new, 200"
                    + " when the same table was stored before.")
    @ApiResponse(responseCode = "201", description = "Stored")
    ResponseEntity<DeviceTables.Stored> upload(@RequestBody DeviceTables.Upload upload) {
        DeviceTables.Saved saved = tables.save(upload);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{sha256}")
                .buildAndExpand(saved.table().sha256())
                .toUri();
        return saved.created()
                ? ResponseEntity.created(location).body(saved.table())
                : ResponseEntity.ok().location(location).body(saved.table());
    }

    @GetMapping("/{sha256}")
    @Operation(operationId = "getDeviceTable", summary = "A stored device table")
    DeviceTables.Stored get(@Schema(description = "The table's SHA-256") @PathVariable String sha256) {
        return tables.find(sha256).orElseThrow(() -> new NotFound(sha256));
    }

    /** No stored device table of this hash (404). */
    static final class NotFound extends RuntimeException {
        NotFound(String sha256) {
            super("no device table with sha256 " + sha256);
        }
    }
}
