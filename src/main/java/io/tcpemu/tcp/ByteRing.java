package io.tcpemu.tcp;

/**
 * A circular byte store addressed by position from its head, grown on demand up to a limit, so a
 * connection that never carries data never allocates one.
 */
final class ByteRing {
    private static final byte[] EMPTY = new byte[0];
    /** The smallest store made: a first write gets just what it needs (at least this), later ones double it. */
    private static final int FIRST_SIZE = 64;

    private final int limit;
    private byte[] bytes = EMPTY;
    private int head;

    ByteRing(int limit) { this.limit = limit; }

    /** Copies {@code len} bytes into positions {@code pos..pos+len-1}; {@code pos + len <= limit}. */
    void put(int pos, byte[] src, int off, int len) {
        if (len == 0) return;
        ensure(pos + len);
        int at = (head + pos) % bytes.length;
        int first = Math.min(len, bytes.length - at);
        System.arraycopy(src, off, bytes, at, first);
        System.arraycopy(src, off + first, bytes, 0, len - first);
    }

    /** Copies positions {@code pos..pos+len-1} into {@code dst}. */
    void get(int pos, byte[] dst, int off, int len) {
        if (len == 0) return;
        int at = (head + pos) % bytes.length;
        int first = Math.min(len, bytes.length - at);
        System.arraycopy(bytes, at, dst, off, first);
        System.arraycopy(bytes, 0, dst, off + first, len - first);
    }

    /** Forgets the first {@code n} positions. */
    void drop(int n) {
        if (bytes.length > 0) head = (head + n) % bytes.length;
    }

    private void ensure(int size) {
        if (size <= bytes.length) return;
        int grown = Math.min(limit, Math.max(size, Math.max(FIRST_SIZE, bytes.length * 2)));
        byte[] next = new byte[grown];
        get(0, next, 0, bytes.length);
        bytes = next;
        head = 0;
    }
}
