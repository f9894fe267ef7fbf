package io.crossbarlab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.app.CrossbarLabApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code java -jar crossbar-lab.jar --help} prints the commands and returns; it starts no server. */
class UsageTests {

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void helpPrintsUsageWithoutStartingTheService(String flag) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            CrossbarLabApplication.main(new String[] {flag});
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("usage: java -jar crossbar-lab.jar", "simulate --spec FILE", "estimate", "--server.port");
    }
}
