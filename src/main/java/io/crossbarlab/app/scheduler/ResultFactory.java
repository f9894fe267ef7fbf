package io.crossbarlab.app.scheduler;

import io.crossbarlab.app.spec.Estimates;
import io.crossbarlab.app.spec.SimulationResult;
import io.crossbarlab.sim.nn.RunSpec;
import io.crossbarlab.sim.nn.TrainingResult;
import org.springframework.stereotype.Component;

/** Builds the result document stored with a finished job. */
@Component
class ResultFactory {

    SimulationResult of(RunSpec run, TrainingResult result) {
        return SimulationResult.from(result, Estimates.ofRun(run, result));
    }
}
