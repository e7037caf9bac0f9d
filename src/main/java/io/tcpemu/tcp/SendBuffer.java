package io.tcpemu.tcp;

/** The bytes the user has written and the peer has not yet acknowledged (sent or not). */
final class SendBuffer {
    private final ByteRing ring;
    private final int capacity;
    private int size;

    SendBuffer(int capacity) {
        this.capacity = capacity;
        this.ring = new ByteRing(capacity);
    }

    /** Appends as many bytes as fit; returns how many did. */
    int append(byte[] data, int offset, int length) {
        int n = Math.max(0, Math.min(length, capacity - size));
        ring.put(size, data, offset, n);
        size += n;
        return n;
    }

    /** A copy of {@code len} bytes starting {@code pos} bytes after the first unacknowledged one. */
    byte[] copy(int pos, int len) {
        byte[] out = new byte[len];
        ring.get(pos, out, 0, len);
        return out;
    }

    /** The first {@code n} bytes were acknowledged. */
    void acknowledge(int n) {
        ring.drop(n);
        size -= n;
    }

    int size() { return size; }
}
