package io.tcpemu.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 * Partitions may run on other nodes of a cluster: the driver's side lists them as
 * {@link RemotePartition}s ({@link #withRemotes}), and each node that runs some answers their
 * windows with {@link #serve} ({@link #serving}). The window protocol is the same either way.
 */
public final class Partitions {
    private final List<ActorSystem<?>> systems;
    private final Windows windows;
    private final VirtualClock clock;

    private Partitions(List<ActorSystem<?>> systems, Map<Integer, RemotePartition> remotes, long lookahead) {
        this.systems = java.util.Collections.unmodifiableList(new ArrayList<>(systems));
        List<VirtualLoop> loops = new ArrayList<>();
        VirtualLoop first = null;
        for (ActorSystem<?> s : systems) {
            VirtualLoop loop = s == null ? null : loopOf(s);
            loops.add(loop);
            if (first == null) first = loop;
        }
        if (first == null) throw new IllegalArgumentException("partitions: at least one runs in this JVM");
        this.windows = new Windows(loops, remotes, lookahead);
        this.clock = VirtualClock.partitioned(windows, first);
    }

    /**
     * Partitions over these virtual-time systems (built with {@link VirtualTime#config}), all at time 0.
     *
     * @param lookahead the smallest delay, emulated µs, of any link between two partitions
     *                  (Long.MAX_VALUE when none joins two); must be > 0
     */
    public static Partitions of(List<? extends ActorSystem<?>> systems, long lookahead) {
        if (systems.isEmpty()) throw new IllegalArgumentException("partitions: at least one actor system");
        return new Partitions(new ArrayList<>(systems), Map.of(), lookahead);
    }

    /**
     * The driver's side of partitions some of which run on other nodes: {@code local} holds
     * partition k's system at index k, null where {@code remotes} runs it. Partition 0 is local
     * (the driver's own asks and the workload run there).
     */
    public static Partitions withRemotes(List<? extends ActorSystem<?>> local, Map<Integer, RemotePartition> remotes, long lookahead) {
        if (local.isEmpty() || local.get(0) == null) throw new IllegalArgumentException("partitions: partition 0 runs in the driver's JVM");
        for (int k = 0; k < local.size(); k++) {
            if ((local.get(k) == null) == !remotes.containsKey(k))
                throw new IllegalArgumentException("partition " + k + ": expected it either here or on another node");
        }
        return new Partitions(new ArrayList<>(local), remotes, lookahead);
    }

    /**
     * A node's side of partitions driven from another node: {@code local} holds the systems of the
     * partitions this node runs at their indices, null elsewhere. Driven only by {@link #serve}.
     */
    public static Partitions serving(List<? extends ActorSystem<?>> local, long lookahead) {
        return new Partitions(new ArrayList<>(local), Map.of(), lookahead);
    }

    /**
     * One window of a serving node ({@link #serving}), asked by the driver's {@link RemotePartition}:
     * {@code received} handed to their receiving ends, this node's partitions run up to {@code end}.
     *
     * @param gather what to send the driver as gathered in the window (the trace), or null
     * @throws IllegalStateException a rule of the window protocol broken here, or a failed partition
     */
    public RemotePartition.Report serve(long end, List<RemotePartition.Crossing> received, Supplier<Object> gather) {
        return windows.serve(end, received, gather);
    }

    /** The serving side of {@link RemotePartition#rewindTo}. */
    public void rewind(long t) { windows.rewindServed(t); }

    /** The emulation is over: the partitions other nodes serve for it may go. */
    public void closeRemotes() { windows.closeRemotes(); }

    /** A segment for link {@code link} arriving in this JVM is told to {@code receivingEnd} (on the driver's or server's thread, partitions held). */
    public void receiveOn(String link, Consumer<Object> receivingEnd) { windows.receiveOn(link, receivingEnd); }

    /**
     * As {@link #receiveOn(String, Consumer)}, for a receiving end that takes what crossed on its
     * own partition's thread: {@code take} runs there, as the work of actor {@code end}, the
     * window's hand-overs to that partition in one task; where it returns false (the actor not
     * running) the message is told to {@code receivingEnd} from there.
     */
    public void receiveOn(String link, org.apache.pekko.actor.typed.ActorRef<?> end, java.util.function.Predicate<Object> take,
                          Consumer<Object> receivingEnd) {
        windows.receiveOn(link, end.path(), take, receivingEnd);
    }

    /** Gets what a partition on another node gathered in each window (its trace events), before the barrier's hooks run. */
    public void onGathered(Consumer<Object> sink) { windows.onGathered(sink); }

    /** The clock that drives every partition; on a partition's thread, {@code now()} is that partition's time. */
    public VirtualClock clock() { return clock; }

    public int count() { return systems.size(); }

    /** Partition {@code partition}'s actor system; null when another node runs it. */
    public ActorSystem<?> system(int partition) { return systems.get(partition); }

    /**
     * A link's sending end (on its partition's thread) hands a segment to partition {@code to}:
     * {@code deliver} runs there at the next barrier, the partition held, before its clock can
     * reach {@code at}. Checked, in every build: never sooner than the lookahead after
     * {@code sentAt}, never in the receiver's past; a breach ends the run naming the link.
     */
    public void handOver(int to, long sentAt, long at, String link, Runnable deliver) {
        windows.post(new RemotePartition.Crossing(to, sentAt, at, link, deliver));
    }

    /**
     * As {@link #handOver(int, long, long, String, Runnable)}, with a message for the link's
     * receiving end ({@link #receiveOn}) instead of code: it can cross to another node.
     */
    public void handOver(int to, long sentAt, long at, String link, Object message) {
        windows.post(new RemotePartition.Crossing(to, sentAt, at, link, message));
    }

    /**
     * From the driving thread between windows: {@code message} for the receiving end {@code link}
     * of partition {@code to}, taken there at the instant every partition is held at (in this JVM
     * at once, on another node before its next window runs).
     */
    public void tellHeld(int to, String link, Object message) { windows.tellHeld(to, link, message); }

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
