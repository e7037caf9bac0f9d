package io.tcpemu.metrics;

import java.util.Arrays;

/**
 * An open-addressing map from long to long with no boxing, for per-connection bookkeeping on a
 * hot path of millions of events. Keys must not be {@link Long#MIN_VALUE} (the empty-slot mark).
 */
final class LongLongMap {
    private static final long EMPTY = Long.MIN_VALUE;
    static final long ABSENT = Long.MIN_VALUE;

    private long[] keys;
    private long[] values;
    private int size;

    LongLongMap() {
        keys = new long[64];
        values = new long[64];
        Arrays.fill(keys, EMPTY);
    }

    int size() { return size; }

    /** The value for {@code key}, or {@link #ABSENT}. */
    long get(long key) {
        int i = find(key);
        return keys[i] == EMPTY ? ABSENT : values[i];
    }

    void put(long key, long value) {
        int i = find(key);
        if (keys[i] == EMPTY) {
            keys[i] = key;
            size++;
            values[i] = value;
            if (size * 2 > keys.length) grow();
        } else {
            values[i] = value;
        }
    }

    /** Removes {@code key}; returns its value or {@link #ABSENT}. */
    long remove(long key) {
        int i = find(key);
        if (keys[i] == EMPTY) return ABSENT;
        long old = values[i];
        keys[i] = EMPTY;
        size--;
        // backward-shift: move later entries of the same probe run into the hole
        int mask = keys.length - 1;
        int hole = i;
        for (int j = (i + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            boolean between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!between) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                keys[j] = EMPTY;
                hole = j;
            }
        }
        return old;
    }

    private int find(long key) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != EMPTY && keys[i] != key) i = (i + 1) & mask;
        return i;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys, oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != EMPTY) put(oldKeys[i], oldValues[i]);
    }
}
