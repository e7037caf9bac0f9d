package io.tcpemu.pkt;

import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.TcpConfig;

import java.util.ArrayList;
import java.util.List;

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

    /**
     * Runs {@code script} on a fresh emulated host with this TCP configuration (seeded, so
     * reproducible); the script's sysctl lines are not applied (they count as not checked):
     * {@link #run(Script, Profile, List, long)} applies them.
     */
    public PktResult run(Script script, TcpConfig tcp, long seed) {
        return run(script, conv -> new RuntimeTarget(conv, tcp, seed));
    }

    /**
     * Runs {@code script} on a fresh host of {@code profile}, with the script's sysctl lines and then
     * {@code settings} (--set: a host's keys, {@code tcp.rst-in-time-wait=ignore}) applied;
     * IllegalArgumentException for a bad setting.
     */
    public PktResult run(Script script, Profile profile, List<String> settings, long seed) {
        List<String> all = new ArrayList<>();
        script.events().stream().filter(e -> e instanceof Event.Sysctl).forEach(e -> all.addAll(((Event.Sysctl) e).settings()));
        all.addAll(settings);
        if (all.isEmpty()) return run(script, conv -> new RuntimeTarget(conv, profile.config(), seed), true);
        return run(script, conv -> new RuntimeTarget(conv,
                HostPolicy.spec(RuntimeTarget.HOST, SockAddr.formatIp(conv.localIp()), profile, all, seed).withSeed(seed)), true);
    }

    /** Runs {@code script} on the target that {@code targets} makes for the script's conventions, then closes it. */
    public PktResult run(Script script, Function<Conventions, ? extends Target> targets) { return run(script, targets, false); }

    private PktResult run(Script script, Function<Conventions, ? extends Target> targets, boolean hostSettings) {
        Conventions conv = base.with(script.options(), script.file());
        Target target = targets.apply(conv);
        try {
            return new ScriptRun(script, conv, target, hostSettings).execute();
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
