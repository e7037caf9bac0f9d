package io.tcpemu.pkt;

import io.tcpemu.tcp.TcpConfig;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a parsed script against a {@link Target} in emulated time, with packetdrill's semantics:
 * events happen at their script time; an outbound line takes the host's next captured segment,
 * which must match and be sent within the tolerance; a call's result must match; a blocking call
 * ({@code +.1...0.2 connect}) must return within the tolerance of its end time while later lines
 * run. The run stops at the first line that does not match.
 */
public final class PktRunner {
    private final Conventions base;

    public PktRunner(Conventions base) { this.base = base; }

    public PktRunner() { this(Conventions.DEFAULT); }

    /** How long '*' waits for a segment: far past any TCP timer a script exercises. */
    static final long ANY_HORIZON = 3_600_000_000L;

    /** Runs {@code script} on a fresh emulated host with this TCP configuration (seeded, so reproducible). */
    public PktResult run(Script script, TcpConfig tcp, long seed) {
        return run(script, conv -> new RuntimeTarget(conv, tcp, seed));
    }

    /** Runs {@code script} on the target that {@code targets} makes for the script's conventions, then closes it. */
    public PktResult run(Script script, Function<Conventions, ? extends Target> targets) {
        Conventions conv = base.with(script.options(), script.file());
        Target target = targets.apply(conv);
        try {
            return new ScriptRun(script, conv, target).execute();
        } finally {
            if (target instanceof AutoCloseable c) closeQuietly(c);
        }
    }

    /** Runs {@code script} on {@code target} (tests with a stand-in host). */
    public PktResult run(Script script, Supplier<? extends Target> target) { return run(script, conv -> target.get()); }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // the run's result is already decided; a failing shutdown does not change it
        }
    }
}
