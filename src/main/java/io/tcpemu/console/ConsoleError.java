package io.tcpemu.console;

/**
 * A mistake in what the user typed, or a request that cannot be carried out: shown as one line
 * (the problem, then a hint), never as a stack trace; the session goes on.
 */
public final class ConsoleError extends RuntimeException {
    public ConsoleError(String message) { super(message, null, false, false); }

    /** "problem — hint"; a problem written as a sentence loses its full stop, which the dash replaces. */
    public ConsoleError(String problem, String hint) { this(problem.replaceFirst("(?<!\\.)\\.$", "") + " — " + hint); }
}
