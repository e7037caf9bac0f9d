package io.tcpemu.tcp;

/**
 * Received bytes the user has not read yet, plus out-of-order bytes waiting for a gap to fill.
 * Positions of out-of-order data are offsets from RCV.NXT (the end of the in-order bytes).
 * The free space is the receive window, so the window's right edge never moves left.
 */
final class ReceiveBuffer {
    private final ByteRing ring;
    private final int capacity;
    private int readable;
    /** Out-of-order byte ranges as [start, end) pairs of offsets from RCV.NXT, sorted, disjoint. */
    private int[] ranges;
    private int rangeCount;

    ReceiveBuffer(int capacity) {
        this.capacity = capacity;
        this.ring = new ByteRing(capacity);
    }

    /** The receive window: free space. */
    int window() { return capacity - readable; }

    int readable() { return readable; }

    /**
     * Stores {@code len} bytes at {@code offset} past RCV.NXT ({@code offset + len <= window()}).
     * Returns how far RCV.NXT advances: 0 for out-of-order bytes, else the bytes plus any
     * buffered ones they join up with.
     */
    int write(int offset, byte[] src, int srcOff, int len) {
        ring.put(readable + offset, src, srcOff, len);
        if (offset > 0) {
            addRange(offset, offset + len);
            return 0;
        }
        int advance = len;
        int merged = 0;
        while (merged < rangeCount && ranges[2 * merged] <= advance) {
            advance = Math.max(advance, ranges[2 * merged + 1]);
            merged++;
        }
        shiftRanges(merged, advance);
        readable += advance;
        return advance;
    }

    /** Takes up to {@code max} in-order bytes. */
    byte[] read(int max) {
        int n = Math.min(max, readable);
        byte[] out = new byte[n];
        ring.get(0, out, 0, n);
        ring.drop(n);
        readable -= n;
        return out;
    }

    /** The out-of-order ranges as [start, end) offsets from RCV.NXT, in order (a copy). */
    int[] outOfOrderRanges() {
        return rangeCount == 0 ? new int[0] : java.util.Arrays.copyOf(ranges, 2 * rangeCount);
    }

    /** Out-of-order bytes held, for tests and traces. */
    int outOfOrderBytes() {
        int sum = 0;
        for (int i = 0; i < rangeCount; i++) sum += ranges[2 * i + 1] - ranges[2 * i];
        return sum;
    }

    /** Drops the first {@code merged} ranges and re-bases the rest on the new RCV.NXT. */
    private void shiftRanges(int merged, int advance) {
        int kept = rangeCount - merged;
        for (int i = 0; i < kept; i++) {
            ranges[2 * i] = ranges[2 * (i + merged)] - advance;
            ranges[2 * i + 1] = ranges[2 * (i + merged) + 1] - advance;
        }
        rangeCount = kept;
    }

    private void addRange(int start, int end) {
        if (ranges == null) ranges = new int[8];
        int i = 0;
        while (i < rangeCount && ranges[2 * i + 1] < start) i++;
        int j = i;
        while (j < rangeCount && ranges[2 * j] <= end) {
            start = Math.min(start, ranges[2 * j]);
            end = Math.max(end, ranges[2 * j + 1]);
            j++;
        }
        int removed = j - i;
        if (removed == 0) {
            if (2 * (rangeCount + 1) > ranges.length) ranges = java.util.Arrays.copyOf(ranges, ranges.length * 2);
            System.arraycopy(ranges, 2 * i, ranges, 2 * i + 2, 2 * (rangeCount - i));
            rangeCount++;
        } else if (removed > 1) {
            System.arraycopy(ranges, 2 * j, ranges, 2 * i + 2, 2 * (rangeCount - j));
            rangeCount -= removed - 1;
        }
        ranges[2 * i] = start;
        ranges[2 * i + 1] = end;
    }
}
