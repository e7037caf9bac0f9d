package io.tcpemu.runtime;

import io.tcpemu.runtime.fault.FaultRule;
import io.tcpemu.runtime.fault.RuleSyntaxException;
import io.tcpemu.runtime.fault.RuleTable;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.time.EmuTime;
import io.tcpemu.time.LoopWork;
import io.tcpemu.trace.TraceBus;
import io.tcpemu.trace.TraceEvent;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.ArrayList;
import java.util.List;

/**
 * One direction of a link between two hosts. Endpoints and hosts hand it segments; its
 * {@link LinkModel} decides their fate, and after the delay it delivers them to the destination
 * host as {@link Host.Deliver} (or {@link Host.DeliverAll}, for several due at once). Segments in flight wait in one queue ordered by arrival time,
 * with one timer armed for the earliest (no actor or timer per segment). On one loop neither way
 * is a message: the host has the link decide in the host's step ({@link Wire}), and the link's
 * firing has the host take what is due ({@link Host.Deliveries}), each kept its own actor's work.
 *
 * <p>When its hosts are on two partitions the direction is two actors of the same name, one per
 * partition: the sending end decides each segment's fate and hands it, with its arrival time,
 * to the receiving end ({@link FarEnd}, through the window protocol), which queues and delivers
 * it exactly as one actor would have. Either way the queue is the receiving end's, so the same
 * seed gives the same trace whatever the partitions.
 */
public final class Link extends AbstractBehavior<Link.Command> {

    public sealed interface Command extends WireMessage {}

    /**
     * A segment put on the wire.
     *
     * @param senderState the sending connection's state when it sent this (emulator metadata, for
     *                    fault rules such as "the ACK sent in TIME-WAIT"); CLOSED for host replies
     * @param sentAt      emulated time of sending, microseconds (the link drops segments older than MSL)
     */
    public record Transmit(Segment segment, State senderState, long sentAt) implements Command {}

    /** Replaces the loss/delay parameters from now on; segments already in flight keep their times. */
    public record SetParams(LinkParams params, ActorRef<Done> replyTo) implements Command {}

    /** Adds a fault rule written as text ("drop fin from b"); the reply says its id or why not. */
    public record AddRule(String rule, ActorRef<RuleReply> replyTo) implements Command {}

    /** Removes the rule with this id. */
    public record RemoveRule(int id, ActorRef<RuleReply> replyTo) implements Command {}

    /** Removes every rule; the reply counts them. */
    public record ClearRules(ActorRef<RuleReply> replyTo) implements Command {}

    /** Asks for the parameters, rules and counts. */
    public record GetInfo(ActorRef<Info> replyTo) implements Command {}

    /** A segment handed from the sending end on another partition, to arrive at {@code at}. */
    public record Arrive(long at, Segment segment, long sentAt) implements Command {}

    /** How a sending end reaches its receiving end on another partition. */
    @FunctionalInterface
    public interface FarEnd {
        /** Hands {@code arrival}, decided at {@code now}, to the receiving end before its clock reaches {@code arrival.at()}. */
        void handOver(long now, Arrive arrival);
    }

    /**
     * A receiving end's door for segments handed over at a barrier, without a message each: on the
     * receiving partition's thread, as the link's own work, {@link #arrive} queues one exactly as an
     * {@link Arrive} told to the actor would (about ten segments cross per lifecycle, and a message
     * through the mailbox for each cost more than queueing it).
     */
    public static final class Arrivals {
        /** The receiving end while it runs; set and cleared on the receiving partition's thread. */
        private Link link;

        /**
         * On the receiving partition's thread: queues {@code a}, true; false if the receiving end
         * is not running (not started yet, or stopped): tell it {@code a} instead.
         */
        public boolean arrive(Arrive a) {
            Link l = link;
            if (l == null) return false;
            l.onArrive(a);
            return true;
        }
    }

    /**
     * Where hosts put segments for this direction ({@link Directory#wire}). While the sending end
     * runs, its host (or router), on the same partition's thread, has it decide each segment's
     * fate in the host's own step ({@link #transmit}) instead of telling it a {@link Transmit}:
     * a message per segment (its mailbox scheduled and run, the behavior interpreted) cost more
     * than the deciding. It is still the link's work, as a message would have made it: its model,
     * counters, trace and hand-overs, and its timer armed as the link's own (its origin), so the
     * trace is the same. Anyone else (a test, a stand-in link) is told the message.
     */
    public record Wire(ActorRef<Command> ref, Departures departures) {
        /** A direction reached only by messages (a stand-in, a link added while running). */
        public static Wire told(ActorRef<Command> ref) { return new Wire(ref, null); }

        /** On the sending host's thread: puts {@code segment}, sent at {@code now}, on the link. */
        public void transmit(Segment segment, State senderState, long now) {
            if (departures == null || !departures.transmit(segment, senderState, now)) ref.tell(new Transmit(segment, senderState, now));
        }
    }

    /** A sending end's door for its host's segments, as {@link Arrivals} is a receiving end's. */
    public static final class Departures {
        /** The sending end while it runs, and its loop; set and cleared on the sending partition's thread. */
        private Link link;
        private Object loop;

        /** Decides the segment's fate as the link's work, true; false if the sending end is not running on this loop: tell it instead. */
        boolean transmit(Segment segment, State senderState, long now) {
            Link l = link;
            if (l == null || loop == null || LoopWork.here() != loop) return false;
            l.transmitHere(segment, senderState, now);
            return true;
        }
    }

    /** The link's timer: segments are due. A new object per arming, so a stale firing is told apart ({@link OneTimer}). */
    private record DeliverDue() implements Command, org.apache.pekko.actor.NoSerializationVerificationNeeded {}

    public sealed interface RuleReply extends WireMessage {}

    public record RuleAdded(int id, FaultRule rule) implements RuleReply {}

    public record RuleRemoved(int id, boolean existed) implements RuleReply {}

    public record RulesCleared(int count) implements RuleReply {}

    /** The rule was refused: {@code error} names the bad word and what was expected, or why it could never fire. */
    public record RuleRejected(String rule, String error) implements RuleReply {}

    /** What a link is doing, for the console. */
    public record Info(String name, LinkParams params, List<RuleTable.Entry> rules, Stats stats, int inFlight) implements WireMessage {}

    /** Counts of segments: put on the link, delivered, dropped, and copies made. */
    public record Stats(long transmitted, long delivered, long dropped, long duplicated) {}

    public static Behavior<Command> create(LinkSpec spec, RuntimeEnv env) { return create(spec, env, null); }

    /** The sending end of a direction whose receiving end is {@code farEnd} (null: this actor is both ends). */
    public static Behavior<Command> create(LinkSpec spec, RuntimeEnv env, FarEnd farEnd) {
        return Behaviors.setup(ctx -> new Link(ctx, spec, env.directory(), env.trace(), env.time(), farEnd));
    }

    /** The same, reached by its hosts through {@code departures} ({@link Wire}) while it runs. */
    public static Behavior<Command> create(LinkSpec spec, RuntimeEnv env, FarEnd farEnd, Departures departures) {
        return Behaviors.setup(ctx -> {
            Link link = new Link(ctx, spec, env.directory(), env.trace(), env.time(), farEnd);
            departures.link = link;
            departures.loop = LoopWork.here();
            link.onStop = () -> { if (departures.link == link) departures.link = null; };
            return link;
        });
    }

    /** The receiving end of a direction whose sending end is on another partition: reached through {@code arrivals}, or by messages. */
    public static Behavior<Command> receivingEnd(LinkSpec spec, RuntimeEnv env, Arrivals arrivals) {
        return Behaviors.setup(ctx -> {
            Link link = new Link(ctx, spec, env.directory(), env.trace(), env.time(), null);
            arrivals.link = link;
            link.onStop = () -> { if (arrivals.link == link) arrivals.link = null; };
            return link;
        });
    }

    private final OneTimer<Command> timer;
    private final LinkSpec spec;
    private final String name;
    private final Directory directory;
    private final TraceBus bus;
    private final EmuTime time;
    private final LinkModel model;
    private final FarEnd farEnd;
    private final InFlightQueue inFlight = new InFlightQueue();
    private long armedFor = Long.MAX_VALUE;
    private int lastIp;
    private ActorRef<Host.Command> lastHost;
    private Host.Deliveries lastDeliveries;
    /** Segments due at this firing, for one host, not yet handed over. */
    private final List<Segment> arrivals = new ArrayList<>();
    private ActorRef<Host.Command> arrivalsFor;
    private Host.Deliveries arrivalsDoor;
    private long transmitted, delivered, dropped, duplicated;
    /** A receiving end's: lets its {@link Arrivals} go when it stops. */
    private Runnable onStop = () -> { };

    private Link(ActorContext<Command> ctx, LinkSpec spec, Directory directory, TraceBus bus, EmuTime time, FarEnd farEnd) {
        super(ctx);
        this.farEnd = farEnd;
        this.timer = new OneTimer<>(ctx, this::handle);
        this.spec = spec;
        this.name = spec.name();
        this.directory = directory;
        this.bus = bus;
        this.time = time;
        this.model = new LinkModel(spec.params(), spec.seed());
        for (FaultRule rule : spec.rules()) model.rules().add(rule);
    }

    /** A switch with the per-segment messages first, instead of a receive builder's case search. */
    @Override
    public Receive<Command> createReceive() {
        return Dispatch.to(this, this::handle, () -> {
            timer.cancel();
            onStop.run();
        });
    }

    private Behavior<Command> handle(Command m) {
        if (m instanceof Transmit t) return onTransmit(t);
        if (m instanceof DeliverDue due) return timer.take(due) ? onDeliverDue() : this;
        if (m instanceof Arrive a) return onArrive(a);
        if (m instanceof SetParams p) return onSetParams(p);
        if (m instanceof AddRule a) return onAddRule(a);
        if (m instanceof RemoveRule r) return onRemoveRule(r);
        if (m instanceof ClearRules c) return onClearRules(c);
        if (m instanceof GetInfo g) return onGetInfo(g);
        return Behaviors.unhandled();
    }

    private Behavior<Command> onTransmit(Transmit t) {
        decide(t.segment(), t.senderState(), t.sentAt(), time.now());
        return this;
    }

    /** A segment from its host's step ({@link Departures}): a failure is the link's, thrown in its actor as its next message. */
    private void transmitHere(Segment segment, State senderState, long now) {
        try {
            decide(segment, senderState, now, now);
        } catch (RuntimeException e) {
            Dispatch.rethrowIn(getContext().getSelf(), e);
        }
    }

    private void decide(Segment segment, State senderState, long sentAt, long now) {
        transmitted++;
        LinkModel.Fate fate = model.transmit(segment, senderState, spec.from(), now);
        if (fate.dropped()) {
            dropped++;
            trace(now, TraceEvent.SegmentAction.DROPPED, name, segment, fate.dropReason());
            return;
        }
        arrive(now, fate.deliverAt(), segment, sentAt);
        for (LinkModel.Arrival copy : fate.copies()) {
            duplicated++;
            trace(now, TraceEvent.SegmentAction.DUPLICATED, name, segment, copy.reason());
            arrive(now, copy.at(), segment, sentAt);
        }
        if (farEnd == null) armTimer(now);
    }

    /** Queues a segment to arrive {@code at}, or hands it to the receiving end on another partition. */
    private void arrive(long now, long at, Segment segment, long sentAt) {
        if (farEnd != null) farEnd.handOver(now, new Arrive(at, segment, sentAt));
        else inFlight.add(at, segment, sentAt);
    }

    /** The receiving end: a segment from the sending end on another partition. */
    private Behavior<Command> onArrive(Arrive a) {
        inFlight.add(a.at(), a.segment(), a.sentAt());
        armTimer(time.now());
        return this;
    }

    private Behavior<Command> onDeliverDue() {
        armedFor = Long.MAX_VALUE;
        long now = time.now();
        while (inFlight.nextAt() <= now) {
            long sentAt = inFlight.nextSentAt();
            deliver(inFlight.poll(), sentAt, now);
        }
        flushArrivals();
        armTimer(now);
        return this;
    }

    private void deliver(Segment seg, long sentAt, long now) {
        if (model.expired(sentAt, now)) {
            dropped++;
            trace(now, TraceEvent.SegmentAction.DROPPED, name, seg, "msl expired");
            return;
        }
        ActorRef<Host.Command> router = directory.router(spec.to());
        if (router != null) { // the router traces what it does with it (forwarded or dropped)
            delivered++;
            router.tell(new Host.Deliver(seg));
            return;
        }
        ActorRef<Host.Command> host = hostAt(seg.dst().ip());
        if (host == null) {
            dropped++;
            trace(now, TraceEvent.SegmentAction.DROPPED, name, seg, "no host at " + SockAddr.formatIp(seg.dst().ip()));
            return;
        }
        delivered++;
        if (bus.enabled()) {
            String where = directory.hostName(seg.dst().ip());
            trace(now, TraceEvent.SegmentAction.DELIVERED, where == null ? spec.to() : where, seg, "");
        }
        if (host != arrivalsFor) flushArrivals();
        arrivalsFor = host;
        arrivalsDoor = lastDeliveries;
        arrivals.add(seg);
    }

    /**
     * Hands the host what arrived at this instant at once: there and then when it runs on this
     * loop ({@link Host.Deliveries}), else in one message; one per firing rather than one per
     * segment. The host takes them in order, as it would have taken single deliveries, and after
     * their DELIVERED traces, as before.
     */
    private void flushArrivals() {
        if (arrivals.isEmpty()) return;
        if (!arrivalsDoor.take(arrivals))
            arrivalsFor.tell(arrivals.size() == 1 ? new Host.Deliver(arrivals.get(0)) : new Host.DeliverAll(List.copyOf(arrivals)));
        arrivals.clear();
        arrivalsFor = null;
        arrivalsDoor = null;
    }

    /** The host at this address; the last one found is kept, as nearly every segment on a link goes to the same host. */
    private ActorRef<Host.Command> hostAt(int ip) {
        if (lastHost == null || ip != lastIp) {
            lastHost = directory.hostByIp(ip);
            lastDeliveries = lastHost == null ? null : directory.deliveries(ip);
            lastIp = ip;
        }
        return lastHost;
    }

    /** Keeps the one timer aimed at the earliest arrival; re-arms only when that changes. */
    private void armTimer(long now) {
        if (inFlight.isEmpty()) {
            if (armedFor != Long.MAX_VALUE) timer.cancel();
            armedFor = Long.MAX_VALUE;
            return;
        }
        long next = inFlight.nextAt();
        if (next == armedFor) return;
        armedFor = next;
        timer.start(Math.max(0, next - now), new DeliverDue(), time);
    }

    private Behavior<Command> onSetParams(SetParams m) {
        model.setParams(m.params());
        m.replyTo().tell(Done.getInstance());
        return this;
    }

    private Behavior<Command> onAddRule(AddRule m) {
        try {
            FaultRule rule = FaultRule.parse(m.rule());
            LinkSpec.checkRule(spec.from(), spec.to(), rule);
            m.replyTo().tell(new RuleAdded(model.rules().add(rule), rule));
        } catch (RuleSyntaxException e) {
            m.replyTo().tell(new RuleRejected(m.rule(), e.getMessage()));
        }
        return this;
    }

    private Behavior<Command> onRemoveRule(RemoveRule m) {
        m.replyTo().tell(new RuleRemoved(m.id(), model.rules().remove(m.id())));
        return this;
    }

    private Behavior<Command> onClearRules(ClearRules m) {
        int count = model.rules().entries().size();
        model.rules().clear();
        m.replyTo().tell(new RulesCleared(count));
        return this;
    }

    private Behavior<Command> onGetInfo(GetInfo m) {
        m.replyTo().tell(new Info(name, model.params(), model.rules().entries(),
                new Stats(transmitted, delivered, dropped, duplicated), inFlight.size()));
        return this;
    }

    private void trace(long now, TraceEvent.SegmentAction action, String where, Segment seg, String reason) {
        if (bus.enabled()) bus.publish(new TraceEvent.SegmentEvent(now, action, where, seg, false, reason));
    }
}
