package io.crossbarlab.sim.data;

/** A dataset's training and test parts. */
public record TrainTestSplit(Dataset train, Dataset test) {}
