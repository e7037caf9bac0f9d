package io.tcpemu.runtime;

/** A socket call that failed; {@link #errno()} says how, the message says which call. */
public final class ErrnoException extends RuntimeException {
    private final Errno errno;

    public ErrnoException(Errno errno, String call) {
        super(call + ": " + errno + " (" + errno.message() + ")", null, false, false);
        this.errno = errno;
    }

    public Errno errno() { return errno; }
}
