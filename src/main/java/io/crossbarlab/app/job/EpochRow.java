package io.crossbarlab.app.job;

/** One persisted epoch of a job. */
public record EpochRow(
        int epoch, double trainAccuracy, double trainLoss, double testAccuracy, double testLoss, double seconds) {}
