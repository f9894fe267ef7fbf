package io.crossbarlab.app;

import io.crossbarlab.app.cli.SimulateCommand;
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

    public static void main(String[] args) {
        if (args.length > 0 && "simulate".equals(args[0])) {
            System.exit(new SimulateCommand(System.out, System.err).run(args));
        }
        if (args.length > 0 && "estimate".equals(args[0])) {
            System.exit(new io.crossbarlab.app.cli.EstimateCommand(System.out).run(args));
        }
        SpringApplication.run(CrossbarLabApplication.class, args);
    }
}
