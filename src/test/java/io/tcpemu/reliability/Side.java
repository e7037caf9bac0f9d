package io.tcpemu.reliability;

import io.tcpemu.runtime.ConnectedSocket;
import io.tcpemu.runtime.ErrnoException;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletionException;

/**
 * One end of a planned connection as its application sees it: the bytes it writes (a pattern
 * unique to the connection and the direction), what it has read, and how reading ended.
 * Touched only on the emulation thread; read by the test after the run.
 */
final class Side {
    /** How this end finishes. */
    enum Role { CLOSE_AFTER_WRITE, CLOSE_AFTER_EOF, ABORT_AFTER_WRITE, SHUTDOWN_THEN_CLOSE_AFTER_EOF }

    final String name;
    final byte[] payload;
    final Role role;
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    volatile ConnectedSocket socket;
    volatile boolean eof;
    /** End of stream came after this end closed or aborted: the socket ending, not the peer's FIN. */
    volatile boolean eofAfterOwnClose;
    /** It closed before end of stream and so stopped reading. */
    volatile boolean stoppedAtClose;
    volatile String readError;
    volatile String writeError;
    volatile boolean closed;

    Side(String name, int bytes, int salt, Role role) {
        this.name = name;
        this.role = role;
        this.payload = new byte[bytes];
        for (int i = 0; i < bytes; i++) payload[i] = (byte) (i * 31 + salt * 7 + i / 251);
    }

    synchronized void got(byte[] bytes) { received.write(bytes, 0, bytes.length); }

    synchronized byte[] receivedBytes() { return received.toByteArray(); }

    static String why(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c instanceof ErrnoException e ? e.errno().toString() : c.getClass().getSimpleName();
    }

    @Override public String toString() {
        return name + " " + role + ": wrote " + payload.length + (writeError == null ? "" : " (" + writeError + ")")
                + ", read " + received.size() + (eof ? " + EOF" : "") + (readError == null ? "" : " (" + readError + ")")
                + (stoppedAtClose ? " (stopped reading at close)" : "") + (closed ? ", closed" : "");
    }
}
