package io.tcpemu.time;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * One emulation over several partitions: one virtual-time actor system per partition, each with
 * its own thread, timer heap and clock, driven together by the window protocol ({@link Windows})
 * through one {@link VirtualClock}. Links between partitions hand their segments over with
 * {@link #handOver}; everything else an actor does stays inside its partition.
 * <pre>
 *   Partitions parts = Partitions.of(List.of(system0, system1), lookaheadMicros);
 *   parts.clock().advanceBy(1_000_000);
 * </pre>
 */
public final class Partitions {
    private final List<ActorSystem<?>> systems;
    private final Windows windows;
    private final VirtualClock clock;

    private Partitions(List<ActorSystem<?>> systems, long lookahead) {
        this.systems = List.copyOf(systems);
        List<VirtualLoop> loops = new ArrayList<>();
        for (ActorSystem<?> s : systems) loops.add(loopOf(s));
        this.windows = new Windows(loops, lookahead);
        this.clock = VirtualClock.partitioned(windows, loops.get(0));
    }

    /**
     * Partitions over these virtual-time systems (built with {@link VirtualTime#config}), all at time 0.
     *
     * @param lookahead the smallest delay, emulated µs, of any link between two partitions
     *                  (Long.MAX_VALUE when none joins two); must be > 0
     */
    public static Partitions of(List<? extends ActorSystem<?>> systems, long lookahead) {
        if (systems.isEmpty()) throw new IllegalArgumentException("partitions: at least one actor system");
        return new Partitions(new ArrayList<>(systems), lookahead);
    }

    /** The clock that drives every partition; on a partition's thread, {@code now()} is that partition's time. */
    public VirtualClock clock() { return clock; }

    public int count() { return systems.size(); }

    public ActorSystem<?> system(int partition) { return systems.get(partition); }

    /**
     * A link's sending end (on its partition's thread) hands a segment to partition {@code to}:
     * {@code deliver} runs there at the next barrier, the partition held, before its clock can
     * reach {@code at}. Checked, in every build: never sooner than the lookahead after
     * {@code sentAt}, never in the receiver's past; a breach ends the run naming the link.
     */
    public void handOver(int to, long sentAt, long at, String link, Runnable deliver) {
        windows.post(to, sentAt, at, link, deliver);
    }

    /** Runs {@code hook} on the driver's thread at every barrier, all partitions held (the trace is gathered there). */
    public void onBarrier(Runnable hook) { windows.onBarrier(hook); }

    /** Ends the run at the next barrier with this problem (a partition that failed, named). */
    public void fail(String problem) { windows.fail(problem); }

    /** The lookahead, emulated µs (Long.MAX_VALUE when no link joins two partitions). */
    public long lookahead() { return windows.lookahead(); }

    private static VirtualLoop loopOf(ActorSystem<?> system) {
        if (system.classicSystem().scheduler() instanceof VirtualScheduler s) return s.loop();
        throw new IllegalArgumentException("partitions run in virtual time: actor system '" + system.name()
                + "' has scheduler " + system.classicSystem().scheduler().getClass().getName());
    }
}
