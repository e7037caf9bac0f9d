package io.tcpemu.workload;

import io.tcpemu.emulation.PartitionNews;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drivers a node runs beside the hosts of a partition it serves for a workload driven on
 * another node ({@link Workload#serve}). They write their tallies and tell a stand-in for the
 * supervisor ({@link #standIn}) what they would tell the real one; after each window
 * {@link #news} sends the driver what changed ({@link DriverNews}), so the supervisor's copies of
 * their tallies are those of the window's end, as in one JVM.
 */
final class ServedDrivers {
    /** The tallies of the drivers here, by driver name, clients then servers. */
    private final Map<String, Tally> clients = new LinkedHashMap<>();
    private final Map<String, Tally> servers = new LinkedHashMap<>();
    /** What was last sent of each: its counters, then when it was done and when it failed. */
    private final Map<String, long[]> sent = new HashMap<>();
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    /** A driver here, whose latencies and lifetimes are kept until sent. */
    void add(String driver, boolean client, Tally tally) {
        tally.requestLatency.keepJournal();
        tally.lifetime.keepJournal();
        (client ? clients : servers).put(driver, tally);
    }

    /** Where the drivers here report (as to the supervisor): it notes what they said, for the next {@link #news}. */
    Behavior<Workload.Command> standIn() {
        return Behaviors.receive(Workload.Command.class)
                .onMessage(Workload.DriverDone.class, m -> { done.add(m.driver()); return Behaviors.same(); })
                .onMessage(Workload.ServerFailed.class, m -> { failed.add(m.driver()); return Behaviors.same(); })
                .onMessage(Workload.Command.class, m -> Behaviors.same())
                .build();
    }

    /** What changed in the window just run, one item per driver; call it with the partition held. */
    List<PartitionNews> news() {
        List<PartitionNews> out = new ArrayList<>();
        clients.forEach((name, t) -> news(name, true, t, out));
        servers.forEach((name, t) -> news(name, false, t, out));
        return out;
    }

    private void news(String name, boolean client, Tally t, List<PartitionNews> out) {
        long[] counts = t.counts();
        long[] now = java.util.Arrays.copyOf(counts, counts.length + 2);
        now[counts.length] = t.doneAt;
        now[counts.length + 1] = t.failedAt;
        long[] latencies = t.requestLatency.drainJournal(), lifetimes = t.lifetime.drainJournal();
        boolean reportedDone = done.remove(name), reportedFailed = failed.remove(name);
        if (java.util.Arrays.equals(now, sent.get(name)) && latencies.length == 0 && lifetimes.length == 0 && !reportedDone && !reportedFailed) return;
        sent.put(name, now);
        out.add(new DriverNews(name, client, boxed(counts), t.doneAt, t.failedAt, t.failure, boxed(latencies), boxed(lifetimes),
                reportedDone, reportedFailed));
    }

    private static List<Long> boxed(long[] values) { return java.util.Arrays.stream(values).boxed().toList(); }
}
