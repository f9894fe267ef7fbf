package io.crossbarlab.app;

import io.crossbarlab.app.cli.SimulateCommand;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point. {@code simulate ...} runs one simulation and {@code estimate ...} prints the hardware
 * estimate, both on the command line without starting the server; anything else starts the service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CrossbarLabApplication {

    static final String USAGE = """
            usage: java -jar crossbar-lab.jar [COMMAND] [OPTIONS]

            Commands:
              (none)      start the service (HTTP on port 8080, embedded H2 database under ./data);
                          Spring options such as --server.port=9090 or --spring.profiles.active=postgres apply
              simulate    run one simulation without the service:
                          simulate --spec FILE [--json] [--dataset-dir NAME=DIR]...
              estimate    print the energy, area and speed estimate of the reference workload:
                          estimate [--sensitivity]
              help        print this text (also --help, -h)

            Documentation: README.md, docs/ and, while the service runs, http://localhost:8080/swagger-ui.html
            """;

    public static void main(String[] args) {
        if (args.length > 0 && List.of("help", "--help", "-h", "-help", "-?").contains(args[0])) {
            System.out.print(USAGE);
            return;
        }
        if (args.length > 0 && "simulate".equals(args[0])) {
            System.exit(new SimulateCommand(System.out, System.err).run(args));
        }
        if (args.length > 0 && "estimate".equals(args[0])) {
            System.exit(new io.crossbarlab.app.cli.EstimateCommand(System.out).run(args));
        }
        SpringApplication.run(CrossbarLabApplication.class, args);
    }
}
