package io.crossbarlab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.sim.nn.RunSpec;
import io.crossbarlab.sim.nn.SimulationSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line reads spec files with the service's strict JSON rules. */
class SimulateCommandTests {

    @TempDir
    Path dir;

    @Test
    void everyCommittedBenchSpecReadsAndResolves() throws IOException {
        List<Path> specs;
        try (Stream<Path> files = Files.list(Path.of("bench", "specs"))) {
            specs = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(specs).hasSizeGreaterThanOrEqualTo(5);
        for (Path p : specs) {
            SimulationSpec s = SimulateCommand.mapper().readValue(Files.readString(p), SimulationSpec.class);
            RunSpec run = RunSpec.resolve(s, 1L);
            assertThat(run.layers()).as(p.toString()).isNotEmpty();
        }
    }

    @Test
    void aSpecWithAFractionalEpochCountIsRefusedWithExitCode2() throws IOException {
        Path spec = dir.resolve("bad.json");
        Files.writeString(spec, "{\"network\": {\"layers\": [784, 8, 10]}, \"training\": {\"epochs\": 1.5}}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new SimulateCommand(
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"simulate", "--spec", spec.toString()});
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read spec", "epochs");
    }

    @Test
    void aSpecWithADuplicateKeyIsRefused() throws IOException {
        Path spec = dir.resolve("dup.json");
        Files.writeString(spec, "{\"network\": {\"layers\": [784, 8, 10]}, \"seed\": 1, \"seed\": 2}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new SimulateCommand(
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"simulate", "--spec", spec.toString()});
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("seed");
    }

    @Test
    void theTrainedWeightsAreWrittenAsAnNpzWhenAsked() throws IOException {
        Path spec = dir.resolve("tiny.json");
        Files.writeString(
                spec,
                "{\"network\": {\"layers\": [784, 8, 10]}, \"dataset\": {\"trainLimit\": 100, \"testLimit\": 50},"
                        + " \"training\": {\"epochs\": 1}, \"seed\": 3}");
        Path npz = dir.resolve("w.npz");
        int code = new SimulateCommand(
                        new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))
                .run(new String[] {"simulate", "--spec", spec.toString(), "--weights", npz.toString()});
        assertThat(code).isZero();
        java.util.List<int[]> shapes = new java.util.ArrayList<>();
        try (var zip = new java.util.zip.ZipInputStream(Files.newInputStream(npz))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                shapes.add(io.crossbarlab.sim.data.NpyReader.readHeader(zip).shape());
            }
        }
        assertThat(shapes)
                .satisfiesExactly(
                        s -> assertThat(s).containsExactly(785, 8),
                        s -> assertThat(s).containsExactly(9, 10));
    }
}
