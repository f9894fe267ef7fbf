package io.crossbarlab.app.scheduler;

import java.util.BitSet;

/**
 * This node's tiles: which are free. Allocation is all-or-nothing, so the pool can never be
 * oversubscribed; {@link #allocated()} is at most {@link #capacity()} at every instant.
 */
public final class TilePool {

    private final int capacity;
    private final BitSet used;

    public TilePool(int capacity) {
        this.capacity = capacity;
        this.used = new BitSet(capacity);
    }

    public int capacity() {
        return capacity;
    }

    public synchronized int allocated() {
        return used.cardinality();
    }

    public synchronized int free() {
        return capacity - used.cardinality();
    }

    /** The lowest-numbered {@code n} free tiles, now marked used; null if fewer are free. */
    public synchronized int[] allocate(int n) {
        if (n < 1 || n > free()) {
            return null;
        }
        int[] tiles = new int[n];
        int t = -1;
        for (int i = 0; i < n; i++) {
            t = used.nextClearBit(t + 1);
            tiles[i] = t;
            used.set(t);
        }
        return tiles;
    }

    public synchronized void release(int[] tiles) {
        for (int t : tiles) {
            if (!used.get(t)) {
                throw new IllegalStateException("tile " + t + " released twice");
            }
            used.clear(t);
        }
    }

    static String format(int[] tiles) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tiles.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(tiles[i]);
        }
        return sb.toString();
    }
}
