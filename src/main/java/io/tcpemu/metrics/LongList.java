package io.tcpemu.metrics;

import java.util.Arrays;

/** A growable list of longs without boxing (latency samples). */
final class LongList {
    private long[] items = new long[256];
    private int size;

    void add(long v) {
        if (size == items.length) items = Arrays.copyOf(items, size * 2);
        items[size++] = v;
    }

    int size() { return size; }

    long[] sortedCopy() {
        long[] copy = Arrays.copyOf(items, size);
        Arrays.sort(copy);
        return copy;
    }
}
