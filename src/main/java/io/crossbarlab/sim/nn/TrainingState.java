package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.random.SplitMix64;
import io.crossbarlab.sim.tile.EventCounters;
import java.io.Serializable;
import java.util.ArrayList;

/**
 * Everything a run carries from one training example to the next: the network with all its device
 * state, the event counters it shares with its tiles, the data-order generator and permutation, and
 * the epochs so far. A {@link Checkpoint} is this object graph, written whole.
 */
final class TrainingState implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The spec and simulator version this state belongs to ({@link Checkpoint#fingerprint}). */
    final String fingerprint;

    final Network net;
    final EventCounters counters;
    final SplitMix64 order;
    final int[] perm;
    final ArrayList<EpochReport> reports = new ArrayList<>();
    int epochsDone;
    long examplesDone;
    long trainNanos;
    long evalNanos;
    /** Wall time of the run before the last checkpoint, possibly in earlier attempts. */
    long wallNanosBefore;

    double lastTrainAccuracy;

    TrainingState(String fingerprint, Network net, EventCounters counters, SplitMix64 order, int[] perm) {
        this.fingerprint = fingerprint;
        this.net = net;
        this.counters = counters;
        this.order = order;
        this.perm = perm;
    }
}
