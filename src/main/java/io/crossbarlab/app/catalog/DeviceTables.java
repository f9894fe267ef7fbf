package io.crossbarlab.app.catalog;

import io.crossbarlab.app.system.Hashes;
import io.crossbarlab.sim.device.CapacitorTable;
import io.crossbarlab.sim.device.PcmJumpTable;
import io.crossbarlab.sim.nn.SimulationSpec;
import io.crossbarlab.sim.preset.InvalidSpecException;
import io.crossbarlab.sim.preset.InvalidSpecException.Violation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measured device tables stored by the SHA-256 of their canonical JSON ({@code device_table}), and
 * the expansion of a spec's references to them: a spec that names a table by {@code sha256} gets the
 * table's arrays in its place before it is resolved, so the stored spec is complete and a memoised
 * run is keyed by the values, not by the reference.
 */
@Service
public class DeviceTables {

    /** Kinds of table. */
    public enum Kind {
        PCM_JUMP,
        CAPACITOR
    }

    /**
     * A stored table.
     *
     * @param sha256 SHA-256 of its canonical JSON (kind and arrays)
     * @param kind which table
     * @param points its number of points
     * @param pcmJumpTable the table, for PCM_JUMP
     * @param capacitorTable the table, for CAPACITOR
     * @param createdAt when it was first uploaded
     */
    @Schema(name = "DeviceTable", description = "A stored measured device table")
    public record Stored(
            @Schema(description = "SHA-256 of the table's canonical JSON: the name a spec uses")
            String sha256,

            @Schema(description = "PCM_JUMP or CAPACITOR") Kind kind,
            @Schema(description = "Points of the table") int points,

            @Schema(description = "The PCM jump table (kind PCM_JUMP)")
            SimulationSpec.PcmJumpTableSpec pcmJumpTable,

            @Schema(description = "The 3T1C table (kind CAPACITOR)")
            SimulationSpec.CapacitorTableSpec capacitorTable,

            @Schema(description = "When it was first uploaded")
            Instant createdAt) {}

    /** What to store: exactly one of the two tables. */
    @Schema(name = "DeviceTableUpload", description = "Exactly one measured table, as a spec takes it inline")
    public record Upload(
            @Schema(description = "A PCM jump table (for PCM_PAIR)")
            SimulationSpec.PcmJumpTableSpec pcmJumpTable,

            @Schema(description = "A 3T1C step table (for PCM_3T1C)")
            SimulationSpec.CapacitorTableSpec capacitorTable) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final JsonMapper canonical;
    private final Clock clock;

    DeviceTables(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.canonical = json.rebuild()
                .enable(tools.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .build();
        this.clock = clock;
    }

    /** The stored table of this hash, if any. */
    public Optional<Stored> find(String sha256) {
        return jdbc.sql("select sha256, kind, points, body, created_at from device_table where sha256 = ?")
                .param(sha256)
                .query((rs, n) -> {
                    Kind kind = Kind.valueOf(rs.getString("kind"));
                    Upload u = json.readValue(rs.getString("body"), Upload.class);
                    return new Stored(
                            rs.getString("sha256"),
                            kind,
                            rs.getInt("points"),
                            u.pcmJumpTable(),
                            u.capacitorTable(),
                            rs.getTimestamp("created_at").toInstant());
                })
                .optional();
    }

    /** The outcome of an upload. */
    public record Saved(Stored table, boolean created) {}

    /**
     * Validates and stores a table; the same table again is answered from what is stored. Ranges that
     * depend on a device (Gmax, the supply) are checked when a job uses it.
     */
    public Saved save(Upload upload) {
        List<Violation> v = new ArrayList<>();
        Kind kind;
        int points;
        Upload clean;
        if ((upload.pcmJumpTable() == null) == (upload.capacitorTable() == null)) {
            throw new InvalidSpecException("pcmJumpTable", "give exactly one of pcmJumpTable and capacitorTable");
        }
        if (upload.pcmJumpTable() != null) {
            var t = upload.pcmJumpTable();
            if (t.sha256() != null) {
                v.add(new Violation("pcmJumpTable.sha256", "an uploaded table is given by its arrays"));
            }
            PcmJumpTable table = new PcmJumpTable(
                    t.conductanceMicrosiemens(),
                    t.meanStepMicrosiemens(),
                    t.stdStepMicrosiemens(),
                    t.jumpQuantilesMicrosiemens());
            double gMax = t.conductanceMicrosiemens() == null || t.conductanceMicrosiemens().length == 0
                    ? 0
                    : t.conductanceMicrosiemens()[t.conductanceMicrosiemens().length - 1];
            v.addAll(table.check(gMax, "pcmJumpTable."));
            kind = Kind.PCM_JUMP;
            points = t.conductanceMicrosiemens() == null ? 0 : t.conductanceMicrosiemens().length;
            clean = new Upload(
                    new SimulationSpec.PcmJumpTableSpec(
                            t.conductanceMicrosiemens(),
                            t.meanStepMicrosiemens(),
                            t.stdStepMicrosiemens(),
                            t.jumpQuantilesMicrosiemens(),
                            null),
                    null);
        } else {
            var t = upload.capacitorTable();
            if (t.sha256() != null) {
                v.add(new Violation("capacitorTable.sha256", "an uploaded table is given by its arrays"));
            }
            CapacitorTable table = new CapacitorTable(t.volts(), t.readMicrosiemens(), t.upVolts(), t.downVolts());
            double supply = t.volts() == null || t.volts().length == 0 ? 0 : t.volts()[t.volts().length - 1];
            v.addAll(table.check(supply, "capacitorTable."));
            kind = Kind.CAPACITOR;
            points = t.volts() == null ? 0 : t.volts().length;
            clean = new Upload(
                    null,
                    new SimulationSpec.CapacitorTableSpec(t.volts(), t.readMicrosiemens(), t.upVolts(), t.downVolts()));
        }
        if (!v.isEmpty()) {
            throw new InvalidSpecException(v);
        }
        String body = canonical.writeValueAsString(clean);
        String sha256 = Hashes.sha256(kind.name() + "\n" + body);
        Optional<Stored> existing = find(sha256);
        if (existing.isPresent()) {
            return new Saved(existing.get(), false);
        }
        try {
            jdbc.sql("insert into device_table (sha256, kind, points, body, created_at) values (?, ?, ?, ?, ?)")
                    .params(sha256, kind.name(), points, body, Timestamp.from(clock.instant()))
                    .update();
            return new Saved(find(sha256).orElseThrow(), true);
        } catch (DuplicateKeyException e) {
            return new Saved(find(sha256).orElseThrow(), false);
        }
    }

    /**
     * {@code spec} with every table reference ({@code sha256}) replaced by the stored table's arrays;
     * a reference to no stored table, of the wrong kind, or beside arrays, is an invalid spec.
     */
    public SimulationSpec expand(SimulationSpec spec) {
        SimulationSpec.DeviceSpec d = spec.device();
        if (d == null) {
            return spec;
        }
        boolean pcmRef = d.pcmJumpTable() != null && d.pcmJumpTable().sha256() != null;
        boolean capRef = d.capacitorTable() != null && d.capacitorTable().sha256() != null;
        if (!pcmRef && !capRef) {
            return spec;
        }
        List<Violation> v = new ArrayList<>();
        SimulationSpec.PcmJumpTableSpec pcm = d.pcmJumpTable();
        SimulationSpec.CapacitorTableSpec cap = d.capacitorTable();
        if (pcmRef) {
            var t = d.pcmJumpTable();
            if (t.conductanceMicrosiemens() != null
                    || t.meanStepMicrosiemens() != null
                    || t.stdStepMicrosiemens() != null
                    || t.jumpQuantilesMicrosiemens() != null) {
                v.add(new Violation("device.pcmJumpTable", "give either sha256 or the arrays, not both"));
            }
            Optional<Stored> s = find(t.sha256()).filter(x -> x.kind() == Kind.PCM_JUMP);
            if (s.isEmpty()) {
                v.add(new Violation(
                        "device.pcmJumpTable.sha256",
                        "no PCM jump table " + t.sha256() + " was uploaded (POST /api/v1/device-tables)"));
            } else {
                pcm = s.get().pcmJumpTable();
            }
        }
        if (capRef) {
            var t = d.capacitorTable();
            if (t.volts() != null || t.readMicrosiemens() != null || t.upVolts() != null || t.downVolts() != null) {
                v.add(new Violation("device.capacitorTable", "give either sha256 or the arrays, not both"));
            }
            Optional<Stored> s = find(t.sha256()).filter(x -> x.kind() == Kind.CAPACITOR);
            if (s.isEmpty()) {
                v.add(new Violation(
                        "device.capacitorTable.sha256",
                        "no 3T1C table " + t.sha256() + " was uploaded (POST /api/v1/device-tables)"));
            } else {
                cap = s.get().capacitorTable();
            }
        }
        if (!v.isEmpty()) {
            throw new InvalidSpecException(v);
        }
        return new SimulationSpec(
                spec.dataset(),
                spec.network(),
                spec.training(),
                new SimulationSpec.DeviceSpec(d.scheme(), d.preset(), d.overrides(), cap, pcm),
                spec.hardware(),
                spec.seed());
    }
}
