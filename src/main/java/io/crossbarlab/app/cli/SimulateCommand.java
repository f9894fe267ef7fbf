package io.crossbarlab.app.cli;

import io.crossbarlab.app.catalog.DatasetLoader;
import io.crossbarlab.app.job.JobWeights;
import io.crossbarlab.app.spec.SimulationResult;
import io.crossbarlab.app.system.StrictJson;
import io.crossbarlab.sim.data.TrainTestSplit;
import io.crossbarlab.sim.nn.EpochReport;
import io.crossbarlab.sim.nn.RunSpec;
import io.crossbarlab.sim.nn.SimulationSpec;
import io.crossbarlab.sim.nn.Trainer;
import io.crossbarlab.sim.nn.TrainingListener;
import io.crossbarlab.sim.nn.TrainingResult;
import io.crossbarlab.sim.preset.InvalidSpecException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar crossbar-lab.jar simulate --spec FILE [--json] [--weights FILE.npz] [--dataset-dir NAME=DIR]}: runs one
 * simulation without the server. Progress goes to stderr; with {@code --json} stdout carries only the
 * result document.
 */
public final class SimulateCommand {

    static final String USAGE = "usage: simulate --spec FILE [--json] [--weights FILE.npz] [--dataset-dir NAME=DIR]...";

    private final PrintStream out;
    private final PrintStream err;

    public SimulateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    static JsonMapper mapper() {
        return StrictJson.strict(JsonMapper.builder())
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    /** Runs the command; returns the process exit code (0 ok, 1 run failed, 2 bad usage or spec). */
    public int run(String[] args) {
        Path spec = null;
        boolean json = false;
        Path weights = null;
        Map<String, Path> dirs = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--spec" -> {
                    if (++i >= args.length) {
                        err.println(USAGE);
                        return 2;
                    }
                    spec = Path.of(args[i]);
                }
                case "--json" -> json = true;
                case "--weights" -> {
                    if (++i >= args.length) {
                        err.println(USAGE);
                        return 2;
                    }
                    weights = Path.of(args[i]);
                }
                case "--dataset-dir" -> {
                    if (++i >= args.length || !args[i].contains("=")) {
                        err.println(USAGE);
                        return 2;
                    }
                    String[] kv = args[i].split("=", 2);
                    dirs.put(kv[0], Path.of(kv[1]));
                }
                default -> {
                    err.println("unknown option " + args[i] + "\n" + USAGE);
                    return 2;
                }
            }
        }
        if (spec == null) {
            err.println(USAGE);
            return 2;
        }
        JsonMapper mapper = mapper();
        RunSpec run;
        try {
            SimulationSpec s = mapper.readValue(Files.readString(spec), SimulationSpec.class);
            run = RunSpec.resolve(s, new SecureRandom().nextLong());
        } catch (IOException | JacksonException e) {
            err.println("cannot read spec " + spec + ": " + e.getMessage());
            return 2;
        } catch (InvalidSpecException e) {
            for (InvalidSpecException.Violation v : e.violations()) {
                err.println("invalid spec: " + v.field() + ": " + v.message());
            }
            return 2;
        }
        DatasetLoader loader = new DatasetLoader(dirs);
        TrainTestSplit data;
        try {
            data = loader.load(run.dataset());
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return 1;
        }
        err.printf(
                Locale.ROOT,
                "scheme %s, preset %s, layers %s, %d epochs, lr %s, seed %d, %d tiles%n",
                run.scheme(),
                run.devicePreset(),
                run.layers(),
                run.epochs(),
                run.learningRate(),
                run.seed(),
                run.tiles());
        TrainingResult result = Trainer.train(
                run,
                data.train(),
                data.test(),
                new TrainingListener() {
                    @Override
                    public void onEpoch(EpochReport r) {
                        err.printf(
                                Locale.ROOT,
                                "epoch %3d  train acc %.4f loss %.4f  test acc %.4f loss %.4f  %.2f s%n",
                                r.epoch(),
                                r.trainAccuracy(),
                                r.trainLoss(),
                                r.testAccuracy(),
                                r.testLoss(),
                                r.seconds());
                    }
                },
                () -> false);
        if (weights != null) {
            try (var file = new java.io.BufferedOutputStream(Files.newOutputStream(weights))) {
                JobWeights.writeNpz(result.weights(), file);
            } catch (IOException e) {
                err.println("cannot write weights to " + weights + ": " + e.getMessage());
                return 1;
            }
            err.println("trained weights written to " + weights);
        }
        if (json) {
            out.println(mapper.writeValueAsString(
                    SimulationResult.from(result, io.crossbarlab.app.spec.Estimates.ofRun(run, result))));
        } else {
            out.printf(
                    Locale.ROOT,
                    "test accuracy %.4f, train accuracy %.4f, %.0f examples/s, %.1f s (evaluation %.2f s)%n",
                    result.testAccuracy(),
                    result.trainAccuracy(),
                    result.trainExamplesPerSecond(),
                    result.wallSeconds(),
                    result.evaluationSeconds());
        }
        return 0;
    }
}
