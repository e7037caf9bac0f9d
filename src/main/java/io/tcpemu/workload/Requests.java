package io.tcpemu.workload;

/**
 * The bytes of a request, as HTTP/1.1 says "Connection: close": the first byte tells the server
 * whether the client will send more on this connection. The arrays are shared by every connection
 * of a driver and never written after they are made.
 */
final class Requests {
    static final byte KEEP_ALIVE = 'K';
    static final byte CLOSE = 'C';

    private Requests() {}

    /** A request of {@code size} bytes (&ge; 1) whose first byte is {@code marker}. */
    static byte[] of(int size, byte marker) {
        byte[] bytes = new byte[size];
        bytes[0] = marker;
        return bytes;
    }
}
