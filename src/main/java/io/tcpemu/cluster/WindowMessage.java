package io.tcpemu.cluster;

import io.tcpemu.emulation.Gathered;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.tcpemu.emulation.PartitionNews;
import io.tcpemu.emulation.PartitionOrder;
import io.tcpemu.runtime.Link;
import io.tcpemu.time.RemotePartition;
import io.tcpemu.trace.TraceEvent;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.ArrayList;
import java.util.List;

/**
 * The window protocol on the wire, between the node that drives a run and a node that serves one
 * of its partitions ({@link PartitionHost}): a window asked, and its report. The protocol itself
 * is {@code io.tcpemu.time.Windows}; these only carry it.
 */
public sealed interface WindowMessage extends ClusterMessage {
    /**
     * A segment between partitions, or an order for an application beside the hosts of the other
     * one (a workload's stop for its drivers there): what {@link RemotePartition.Crossing} carries,
     * typed for Jackson. One of {@code arrival} and {@code order} is set; the other is left off the wire.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Handover(int to, long sentAt, long at, String link, Link.Arrive arrival, PartitionOrder order) {
        Handover(int to, long sentAt, long at, String link, Link.Arrive arrival) { this(to, sentAt, at, link, arrival, null); }

        static Handover of(RemotePartition.Crossing c) {
            if (c.message() instanceof Link.Arrive a) return new Handover(c.to(), c.sentAt(), c.at(), c.link(), a);
            if (c.message() instanceof PartitionOrder o) return new Handover(c.to(), c.sentAt(), c.at(), c.link(), null, o);
            throw new IllegalStateException("link " + c.link() + " handed over " + c.message().getClass().getSimpleName()
                    + ", which cannot cross to another node");
        }

        RemotePartition.Crossing crossing() { return new RemotePartition.Crossing(to, sentAt, at, link, arrival != null ? arrival : order); }

        static List<Handover> of(List<RemotePartition.Crossing> cs) {
            List<Handover> out = new ArrayList<>(cs.size());
            for (RemotePartition.Crossing c : cs) out.add(of(c));
            return out;
        }

        static List<RemotePartition.Crossing> crossings(List<Handover> hs) {
            List<RemotePartition.Crossing> out = new ArrayList<>(hs.size());
            for (Handover h : hs) out.add(h.crossing());
            return out;
        }
    }

    /** Hand these over, then run up to {@code end}; send the window's trace events back if {@code traced} (the driver reads its trace). */
    record Window(long end, List<Handover> received, boolean traced, ActorRef<WindowMessage> replyTo) implements PartitionHost.Command {}

    /** The window's report ({@link RemotePartition.Report}) with the trace events and the news gathered in it ({@link Gathered}). */
    record Done(long now, long nextEventTime, boolean idle, long lastActivity, List<Handover> sent, List<TraceEvent> trace,
                List<PartitionNews> news, long cpuNanos) implements WindowMessage {
        RemotePartition.Report report() {
            return new RemotePartition.Report(now, nextEventTime, idle, lastActivity, Handover.crossings(sent), new Gathered(trace, news), null, cpuNanos);
        }
    }

    /** The partition could not run the window (the protocol's rule broken there, or it failed): the run ends with this. */
    record Failed(String problem) implements WindowMessage {}
}
