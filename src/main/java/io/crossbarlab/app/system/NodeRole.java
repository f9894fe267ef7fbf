package io.crossbarlab.app.system;

/**
 * What a process of the service does ({@code crossbar.role}): one jar, three roles, so that the API and
 * the workers scale apart on Kubernetes (docs/operations.md) while a single process does both.
 */
public enum NodeRole {
    /** Serves the API and the dashboard; runs no jobs (it registers no tiles and reaps nothing). */
    API,
    /** Runs jobs from the queue; answers only the actuator (health, Prometheus). */
    WORKER,
    /** Both: the default, for one machine. */
    ALL;

    public boolean runsJobs() {
        return this != API;
    }

    public boolean servesApi() {
        return this != WORKER;
    }
}
