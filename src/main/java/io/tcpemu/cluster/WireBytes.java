package io.tcpemu.cluster;

import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.remote.artery.RemoteInstrument;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what Artery sends and receives, by message type: the bytes of each envelope as it
 * crosses the network (header and serialized message). A run on a cluster says from it what the
 * network carried ({@link ClusterSites} logs it as the run ends; BENCHMARKS.md). Pekko makes one
 * per actor system from {@code pekko.remote.artery.advanced.instruments} (cluster.conf); it writes
 * no metadata of its own, so it adds nothing to the wire.
 */
public final class WireBytes extends RemoteInstrument {
    /** Pekko makes an instrument for each of its streams (control, ordinary lanes, large; in and out): they count together. */
    private static final Map<ActorSystem, Counters> BY_SYSTEM = new ConcurrentHashMap<>();

    /** Messages and bytes of one type in one direction. */
    record Count(long messages, long bytes) {
        Count minus(Count o) { return new Count(messages - o.messages, bytes - o.bytes); }
    }

    /** What one direction carried so far, by message type. */
    record Tally(Map<String, Count> byType) {
        long bytes() { return byType.values().stream().mapToLong(Count::bytes).sum(); }

        long messages() { return byType.values().stream().mapToLong(Count::messages).sum(); }

        /** What was carried since {@code before}. */
        Tally since(Tally before) {
            Map<String, Count> d = new TreeMap<>();
            byType.forEach((type, c) -> {
                Count diff = c.minus(before.byType.getOrDefault(type, new Count(0, 0)));
                if (diff.messages() > 0) d.put(type, diff);
            });
            return new Tally(d);
        }

        /** "12,345 bytes in 67 messages (Done 9,000 in 30, Window ...)", the largest first. */
        String describe() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%,d bytes in %,d messages", bytes(), messages()));
            if (byType.isEmpty()) return b.toString();
            b.append(" (");
            String sep = "";
            for (var e : byType.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue().bytes(), x.getValue().bytes())).toList()) {
                b.append(sep).append(String.format(Locale.ROOT, "%s %,d in %,d", e.getKey(), e.getValue().bytes(), e.getValue().messages()));
                sep = ", ";
            }
            return b.append(')').toString();
        }
    }

    /** What one actor system's streams sent and received, by message type: messages, bytes. */
    static final class Counters {
        private final Map<String, LongAdder[]> sent = new ConcurrentHashMap<>();
        private final Map<String, LongAdder[]> received = new ConcurrentHashMap<>();

        Tally sent() { return tally(sent); }

        Tally received() { return tally(received); }
    }

    private final Counters counters;

    public WireBytes(ExtendedActorSystem system) {
        this.counters = BY_SYSTEM.computeIfAbsent(system, s -> {
            system.registerOnTermination(() -> BY_SYSTEM.remove(system));
            return new Counters();
        });
    }

    /** The counters of {@code system}, or null when Artery has none there (not a cluster member, or nothing sent yet). */
    static Counters of(org.apache.pekko.actor.typed.ActorSystem<?> system) { return BY_SYSTEM.get(system.classicSystem()); }

    private static Tally tally(Map<String, LongAdder[]> counts) {
        Map<String, Count> m = new TreeMap<>();
        counts.forEach((type, c) -> m.put(type, new Count(c[0].sum(), c[1].sum())));
        return new Tally(m);
    }

    private static void count(Map<String, LongAdder[]> counts, Object message, int size) {
        LongAdder[] c = counts.computeIfAbsent(typeOf(message), t -> new LongAdder[] {new LongAdder(), new LongAdder()});
        c[0].increment();
        c[1].add(size);
    }

    /** tcpemu's own messages by their name ("Window", "Done"); Pekko's (membership, heartbeats) as one. */
    static String typeOf(Object message) {
        if (message instanceof ClusterMessage) return message.getClass().getSimpleName();
        return "Pekko's own";
    }

    /** Ours is unique among the instruments of this system (Pekko's own use none). */
    @Override public byte identifier() { return 18; }

    @Override public void remoteWriteMetadata(ActorRef recipient, Object message, ActorRef sender, ByteBuffer buffer) { }

    @Override public void remoteMessageSent(ActorRef recipient, Object message, ActorRef sender, int size, long time) {
        count(counters.sent, message, size);
    }

    @Override public void remoteReadMetadata(ActorRef recipient, Object message, ActorRef sender, ByteBuffer buffer) { }

    @Override public void remoteMessageReceived(ActorRef recipient, Object message, ActorRef sender, int size, long time) {
        count(counters.received, message, size);
    }
}
