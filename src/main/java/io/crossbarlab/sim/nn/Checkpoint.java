package io.crossbarlab.sim.nn;

import io.crossbarlab.sim.Simulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * A run's whole state at the end of an epoch, to continue it elsewhere with the same bits. Written
 * with Java serialization of the state's object graph (primitive arrays and a few objects: nothing
 * per synapse), so that no field can be forgotten: what the run holds is what is written. Read back
 * through a filter that admits only this simulator's classes, primitive arrays and the JDK's list
 * types, with bounds on depth and references, so a stored checkpoint cannot instantiate anything
 * else.
 *
 * <p>A checkpoint belongs to one run: {@link #fingerprint} (simulator version, seed, data set, limits,
 * layers, scheme) is checked when it is read; the caller keeps the rest of the spec unchanged (the
 * service keys checkpoints by job, whose spec never changes).
 */
public final class Checkpoint {

    /** JDK classes a checkpoint's graph may hold besides this simulator's and primitive arrays. */
    private static final java.util.Set<String> JDK_CLASSES = java.util.Set.of(
            "java.lang.Object", // as the element type of a list's Object[]; never instantiable itself
            "java.lang.Enum",
            "java.lang.Number",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Double",
            "java.lang.Float",
            "java.lang.Boolean",
            "java.lang.String",
            "java.lang.Record",
            "java.util.ArrayList",
            "java.util.EnumMap",
            "java.util.CollSer");

    private static final ObjectInputFilter FILTER = info -> {
        if (info.depth() > 64 || info.references() > 10_000_000) {
            return ObjectInputFilter.Status.REJECTED;
        }
        Class<?> c = info.serialClass();
        if (c == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c.isPrimitive() || c.getName().startsWith("io.crossbarlab.sim.") || JDK_CLASSES.contains(c.getName())
                ? ObjectInputFilter.Status.ALLOWED
                : ObjectInputFilter.Status.REJECTED;
    };

    private final TrainingState state;

    Checkpoint(TrainingState state) {
        this.state = state;
    }

    /** Epochs the checkpointed run has completed. */
    public int epochsDone() {
        return state.epochsDone;
    }

    /** Writes the checkpoint to {@code out} (not closed). */
    public void writeTo(OutputStream out) throws IOException {
        ObjectOutputStream o = new ObjectOutputStream(out);
        o.writeObject(state);
        o.flush();
    }

    /** Reads a checkpoint written by {@link #writeTo}; fails on anything else. */
    public static Checkpoint readFrom(InputStream in) throws IOException {
        ObjectInputStream o = new ObjectInputStream(in);
        o.setObjectInputFilter(FILTER);
        try {
            Object read = o.readObject();
            if (!(read instanceof TrainingState s)) {
                throw new InvalidClassException(
                        "not a training checkpoint: " + read.getClass().getName());
            }
            return new Checkpoint(s);
        } catch (ClassNotFoundException e) {
            throw new InvalidClassException("checkpoint of another simulator build: " + e.getMessage());
        }
    }

    /** Fails unless this checkpoint belongs to a run of {@code spec}. */
    public void check(RunSpec spec) {
        state(spec);
    }

    TrainingState state(RunSpec spec) {
        String expected = fingerprint(spec);
        if (!expected.equals(state.fingerprint)) {
            throw new IllegalArgumentException(
                    "checkpoint of another run (" + state.fingerprint + "), not of " + expected);
        }
        return state;
    }

    static String fingerprint(RunSpec spec) {
        return Simulator.VERSION + "|seed " + spec.seed() + "|" + spec.dataset() + "|" + spec.trainLimit() + "|"
                + spec.testLimit() + "|" + spec.layers() + "|" + spec.scheme();
    }
}
