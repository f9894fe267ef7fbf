package io.crossbarlab.app;

import io.crossbarlab.app.cli.SimulateCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point. {@code simulate ...} runs one simulation on the command line without starting the
 * server; anything else starts the service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CrossbarLabApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "simulate".equals(args[0])) {
            System.exit(new SimulateCommand(System.out, System.err).run(args));
        }
        SpringApplication.run(CrossbarLabApplication.class, args);
    }
}
