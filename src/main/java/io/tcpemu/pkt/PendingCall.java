package io.tcpemu.pkt;

/** A socket call in progress; the {@link Target} completes it with a value or an errno. */
public final class PendingCall {
    private volatile boolean done;
    private volatile long value;
    private volatile String errno;
    private volatile long at;
    private volatile String outProblem;
    private Runnable onDone;

    /** The call returned {@code value} at {@code micros}. */
    public void succeed(long value, long micros) { finish(value, null, micros); }

    /** The call returned -1 with {@code errno} ("ECONNREFUSED") at {@code micros}. */
    public void fail(String errno, long micros) { finish(-1, errno, micros); }

    private void finish(long v, String e, long micros) {
        Runnable then;
        synchronized (this) {
            if (done) return;
            value = v;
            errno = e;
            at = micros;
            done = true;
            then = onDone;
        }
        if (then != null) then.run();
    }

    /** Runs {@code action} when the call completes (at once if it has). */
    void whenDone(Runnable action) {
        synchronized (this) {
            if (!done) {
                onDone = action;
                return;
            }
        }
        action.run();
    }

    public boolean done() { return done; }
    public long value() { return value; }
    /** Null when the call succeeded. */
    public String errno() { return errno; }
    /** When the call returned (emulated microseconds). */
    public long at() { return at; }

    /** How a value the call writes back (getsockopt's) differs from the script's, or null. */
    public String outProblem() { return outProblem; }

    /** Marks a written-back value that differs from the script's: the line fails though the result matches. */
    PendingCall withOutProblem(String problem) {
        outProblem = problem;
        return this;
    }

    /** As packetdrill prints a result: {@code 4}, {@code -1 ECONNREFUSED}, or "no return yet". */
    public String describe() {
        if (!done) return "no return yet";
        return errno == null ? Long.toString(value) : "-1 " + errno;
    }

    /** A handle that is already complete. */
    public static PendingCall returned(long value, long micros) {
        PendingCall c = new PendingCall();
        c.succeed(value, micros);
        return c;
    }

    public static PendingCall failed(String errno, long micros) {
        PendingCall c = new PendingCall();
        c.fail(errno, micros);
        return c;
    }
}
