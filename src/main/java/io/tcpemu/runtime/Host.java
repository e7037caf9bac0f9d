package io.tcpemu.runtime;

import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.IsnGenerator;
import io.tcpemu.tcp.NoSocket;
import io.tcpemu.tcp.ReceiveBufferOption;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.tcp.TimeWait;
import io.tcpemu.tcp.TimeWaitEntry;
import io.tcpemu.time.LoopWork;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The emulated kernel of one host: it runs the host's {@link Endpoint}s (objects, one per
 * connection end, on this actor's thread), demultiplexes arriving segments to them by 4-tuple,
 * hands them their timer firings and the socket calls addressed to them ({@link ToEndpoint}),
 * keeps listeners and their queues, hands out ephemeral ports, and keeps connections in
 * TIME-WAIT as a compact table with one expiry timer. Protocol answers (RST to a closed port,
 * ACK from TIME-WAIT) come from the core's rules; the host only carries them out.
 */
public final class Host extends AbstractBehavior<Host.Command> {

    public interface Command extends WireMessage {}

    /** A segment arriving from the network. */
    public record Deliver(Segment segment) implements Command {}

    /** Segments arriving from the network at the same instant on one link, taken in order. */
    public record DeliverAll(List<Segment> segments) implements Command {}

    /**
     * Open a connection to {@code remote} from {@code localPort} (0: pick an ephemeral port). The
     * owner hears {@link SocketEvent.Connected} or {@link SocketEvent.Failed}.
     */
    public record Connect(SockAddr remote, int localPort, ActorRef<SocketEvent> owner,
                          SocketEvent.Delivery delivery, int receiveBuffer) implements Command {
        public Connect(SockAddr remote, int localPort, ActorRef<SocketEvent> owner, SocketEvent.Delivery delivery) {
            this(remote, localPort, owner, delivery, 0);
        }
    }

    /**
     * A non-blocking connect: the owner hears {@link SocketEvent.Connecting} with the socket as soon
     * as the SYN is on its way (or {@link SocketEvent.Failed} if none could be sent), and nothing
     * after; the outcome is the socket's {@link Endpoint.GetError} and {@link Endpoint.Poll}, and
     * {@code outcomeTo} (if not null) hears {@link SocketEvent.Connected} or {@link SocketEvent.Failed}
     * when the connect finishes (a script runner waiting in poll() must learn it without asking).
     */
    public record ConnectNonBlocking(SockAddr remote, int localPort, ActorRef<SocketEvent> owner,
                                     ActorRef<SocketEvent> outcomeTo, int receiveBuffer) implements Command {
        public ConnectNonBlocking(SockAddr remote, int localPort, ActorRef<SocketEvent> owner) {
            this(remote, localPort, owner, null, 0);
        }
    }

    /**
     * Listen on {@code port}. The owner hears {@link SocketEvent.Listening} or a failure
     * (EADDRINUSE); with PUSH delivery every established connection then arrives as
     * {@link SocketEvent.Accepted}, with PULL it waits in the accept queue for {@link Accept}.
     */
    public record Listen(int port, int backlog, boolean reuseAddr, ActorRef<SocketEvent> owner,
                         SocketEvent.Delivery delivery, int receiveBuffer) implements Command {
        public Listen(int port, int backlog, boolean reuseAddr, ActorRef<SocketEvent> owner, SocketEvent.Delivery delivery) {
            this(port, backlog, reuseAddr, owner, delivery, 0);
        }
    }

    /**
     * setsockopt(SO_RCVBUF) on the listener on {@code port}: connections it opens from now on get a
     * receive buffer of {@code receiveBuffer} bytes (a value of {@link ReceiveBufferOption#buffer}).
     */
    public record SetListenerReceiveBuffer(int port, int receiveBuffer) implements Command {}

    /** Take one connection from the accept queue; answered with {@link SocketEvent.Accepted} when there is one. */
    public record Accept(int port, ActorRef<SocketEvent> replyTo) implements Command {}

    /** Close the listener on {@code port}; connections not yet accepted are aborted. */
    public record Unlisten(int port) implements Command {}

    /** For the console: connections, listeners and the TIME-WAIT table. */
    public record GetTable(ActorRef<Table> replyTo) implements Command {}

    public record GetCounters(ActorRef<HostCounters.Snapshot> replyTo) implements Command {}

    public record ListenerInfo(int port, int backlog, boolean reuseAddr, int halfOpen, int acceptQueue) {}

    public record Table(String host, List<SocketRef> connections, List<ListenerInfo> listeners,
                        List<TimeWaitEntry> timeWait, HostCounters.Snapshot counters) implements WireMessage {}

    /**
     * A socket call for the endpoint of {@code socket} (see {@link SocketRef#tell}). If that
     * connection's endpoint is gone, the call reaches nobody, as a message to a stopped actor
     * would; {@code ifGone}, when not null (an ask), then hears {@link Gone} instead, and a
     * {@link Endpoint.WatchStop} hears {@link Endpoint.Stopped} at once.
     */
    public record ToEndpoint(SocketRef socket, Endpoint.Command call, ActorRef<Object> ifGone) implements Command {}

    /** The answer to an ask whose socket's endpoint is gone (its connection ended and was closed). */
    public record Gone(SocketRef socket) implements WireMessage {}

    /**
     * An accept() caller went away before a connection came (its ask timed out): the listener must
     * not hand the next connection to it, or nobody would ever own that connection.
     */
    record AcceptWaiterGone(int port, ActorRef<SocketEvent> waiter) implements Command {}

    /** The TIME-WAIT table's timer: entries are due. A new object per arming, so a stale firing is told apart ({@link OneTimer}). */
    private record ExpireTimeWait() implements Command, org.apache.pekko.actor.NoSerializationVerificationNeeded {}

    /**
     * A host's door for the segments its links deliver on its own loop: the link's firing has the
     * host take them there and then, as the host's own work (its origin), instead of telling it
     * a {@link Deliver}. A timer fires only when nothing else is queued, so that message would
     * have been the next work run, and the host's handling of it the same; a message per delivery
     * (its mailbox scheduled and run, the behavior interpreted) cost more than the handling.
     */
    public static final class Deliveries {
        /** The host while it runs, its loop and origin; set and cleared on that loop's thread. */
        private Host host;
        private Object loop;
        private long origin;

        /** Segments due now: taken by the host, true; false if it is not running on this loop: tell it instead. */
        boolean take(List<Segment> segments) {
            Host h = host;
            if (h == null || loop == null || LoopWork.here() != loop) return false;
            LoopWork.runAs(origin, h.takeDelivered, segments);
            return true;
        }
    }

    /**
     * A host's door for the calls of the actors beside it on its loop (its workload's drivers):
     * a call made through it runs there and then, inside the caller's step, as the host's own work
     * (its origin), instead of a message the host would take after what is queued before it.
     * Only while nothing the host would take first is waiting: not while it runs (a call from
     * inside its own step is queued, as a message would be), nor while something queued before
     * is waiting (what it told itself: a new owner for a child, an abort; an earlier call that
     * had to wait), nor from another loop (told). The caller and the host then take each call in
     * the order a message would have had, and the host's events stay in theirs (the trace hashes
     * of every conf/ run are unchanged); a message per call (five in a lifecycle: connect, two
     * writes, two closes; its mailbox scheduled and run, the behavior interpreted and supervised)
     * cost more than the call.
     */
    public static final class Calls {
        /** The host while it runs, its loop and origin; set and cleared on that loop's thread. */
        private Host host;
        private Object loop;
        private long origin;

        /** A socket call for {@code socket}'s endpoint, as {@link SocketRef#tell} would make it. */
        public void tell(SocketRef socket, Endpoint.Command call) {
            Host h = host;
            if (h != null && socket.hostRef() == h.self && onLoop()) h.call(origin, new ToEndpoint(socket, call, null));
            else socket.tell(call);
        }

        /** A command for the host; {@code hostRef} is this door's host, told when it is not on this loop. */
        public void tell(ActorRef<Command> hostRef, Command command) {
            Host h = host;
            if (h != null && onLoop()) h.call(origin, command);
            else hostRef.tell(command);
        }

        private boolean onLoop() { return loop != null && LoopWork.here() == loop; }
    }

    /** Builds host behaviors from specs: what the topology builder calls. */
    @FunctionalInterface
    public interface Factory {
        Behavior<Command> create(HostSpec spec);
    }

    public static Factory factory(RuntimeEnv env) { return spec -> create(spec, env); }

    public static Behavior<Command> create(HostSpec spec, RuntimeEnv env) {
        return Behaviors.setup(ctx -> new Host(ctx, spec, env));
    }

    private final OneTimer<Command> timer;
    private final HostSpec spec;
    private final RuntimeEnv env;
    private final String name;
    private final HostCounters counters;
    private final IsnGenerator isn;
    private final PortAllocator ports;
    private final PortUse portUse = new PortUse();
    private final TimeWaitTable timeWait;
    /** The live connections' endpoints, by 4-tuple: where arriving segments go. */
    private final Map<FourTuple, Endpoint> connections = new HashMap<>();
    /** Ended endpoints whose users still hold their sockets (until close), by connection id. */
    private final Map<Long, Endpoint> held = new HashMap<>();
    private final Map<Integer, Listener> listeners = new HashMap<>();
    private long connCounter;
    /** The last tuple {@link #usableForConnect} found usable and its TIME-WAIT entry (or null), until a connect takes them. */
    private FourTuple probedTuple;
    private TimeWaitEntry probedEntry;
    private long timerDeadline = Long.MAX_VALUE;
    /** Where its links hand it segments on its loop, and what they call there. */
    private final Deliveries deliveries;
    private final Consumer<List<Segment>> takeDelivered = this::takeDelivered;
    /** Where the actors beside it call it on its loop, and what they call there. */
    private final Calls calls;
    private final Consumer<Command> takeCall = this::takeCall;
    private final ActorRef<Command> self;
    /** True while the host runs a step (a message, a firing, a delivery, a call): a call then waits its turn. */
    private boolean busy;
    /**
     * What it queued for its own mailbox ({@link #tellLater}) and has not taken yet, in order: a
     * call must not overtake it. The mailbox is FIFO, so each comes back as the head; a restarted
     * host starts with none (what the one before queued is not awaited).
     */
    private final java.util.ArrayDeque<Command> queued = new java.util.ArrayDeque<>();
    /** Taken at start: a failure logged from a delivery taken outside the mailbox may not ask the context. */
    private final org.slf4j.Logger log;

    private Host(ActorContext<Command> ctx, HostSpec spec, RuntimeEnv env) {
        super(ctx);
        this.timer = new OneTimer<>(ctx, this::handle);
        this.spec = spec;
        this.env = env;
        this.name = spec.name();
        this.counters = env.registerCounters(name);
        this.isn = new IsnGenerator(spec.seed());
        this.ports = new PortAllocator(spec.portFirst(), spec.portLast(), spec.portAlgorithm(), spec.seed());
        this.timeWait = new TimeWaitTable(spec.maxTwBuckets());
        this.log = ctx.getLog();
        this.deliveries = env.directory().deliveries(spec.ip());
        deliveries.host = this;
        deliveries.loop = LoopWork.here();
        deliveries.origin = LoopWork.originOf(ctx.getSelf().path());
        this.self = ctx.getSelf();
        this.calls = env.directory().calls(name);
        calls.host = this;
        calls.loop = deliveries.loop;
        calls.origin = deliveries.origin;
    }

    /**
     * A call through its {@link Calls}, on its loop: taken now as the host's work if nothing is
     * before it, else queued behind what is (noted, so later calls queue too).
     */
    private void call(long origin, Command m) {
        if (busy || !queued.isEmpty()) tellLater(m);
        else LoopWork.runAs(origin, takeCall, m);
    }

    /** A call taken at once: a failure is the host's, thrown in its actor as its next message. */
    private void takeCall(Command m) {
        busy = true;
        try {
            handleCommand(m);
        } catch (RuntimeException e) {
            Dispatch.rethrowIn(self, e);
        } finally {
            busy = false;
        }
    }

    /** Queues {@code m} for the host's mailbox, noted: no call through {@link Calls} overtakes it. */
    private void tellLater(Command m) {
        queued.addLast(m);
        self.tell(m);
    }

    /** A socket call the host makes to one of its endpoints from its own step: it runs after that step, as another actor's would. */
    private void tellLater(SocketRef socket, Endpoint.Command call) { tellLater(new ToEndpoint(socket, call, null)); }

    /** A switch in order of frequency instead of a receive builder's case search: the host sees every segment. */
    @Override
    public Receive<Command> createReceive() {
        return Dispatch.to(this, this::handle, this::stopAll);
    }

    private Behavior<Command> handle(Command m) {
        if (!queued.isEmpty() && queued.peekFirst() == m) queued.pollFirst();
        boolean was = busy;
        busy = true;
        try {
            return handleCommand(m);
        } finally {
            busy = was;
        }
    }

    private Behavior<Command> handleCommand(Command m) {
        if (m instanceof Deliver d) return onDeliver(d.segment());
        if (m instanceof DeliverAll all) {
            for (Segment seg : all.segments()) onDeliver(seg);
            return this;
        }
        if (m instanceof EndpointTimers.Fired f) return onFired(f);
        if (m instanceof ToEndpoint t) return onToEndpoint(t);
        if (m instanceof Connect c) return onConnect(c, false, c.owner());
        if (m instanceof ConnectNonBlocking c) {
            return onConnect(new Connect(c.remote(), c.localPort(), c.owner(), SocketEvent.Delivery.PULL, c.receiveBuffer()),
                    true, c.outcomeTo());
        }
        if (m instanceof ExpireTimeWait due) return timer.take(due) ? onExpireTimeWait() : this;
        if (m instanceof Listen l) return onListen(l);
        if (m instanceof Accept a) return onAccept(a);
        if (m instanceof AcceptWaiterGone g) {
            Listener listener = listeners.get(g.port());
            if (listener != null) listener.waiting.remove(g.waiter());
            return this;
        }
        if (m instanceof Unlisten u) return onUnlisten(u);
        if (m instanceof SetListenerReceiveBuffer b) {
            Listener listener = listeners.get(b.port());
            if (listener != null) listener.receiveBuffer = b.receiveBuffer();
            return this;
        }
        if (m instanceof GetTable t) return onGetTable(t);
        if (m instanceof GetCounters g) {
            g.replyTo().tell(counters.snapshot());
            return this;
        }
        return Behaviors.unhandled();
    }

    // ---- arriving segments: connection, TIME-WAIT entry, listener, or nobody -------------------

    /** Segments a link hands over as it fires ({@link Deliveries}): a failure is the host's, thrown in its actor as its next message. */
    private void takeDelivered(List<Segment> segments) {
        boolean was = busy;
        busy = true;
        try {
            for (int i = 0, n = segments.size(); i < n; i++) onDeliver(segments.get(i));   // a link's list: no iterator per firing
        } catch (RuntimeException e) {
            Dispatch.rethrowIn(self, e);
        } finally {
            busy = was;
        }
    }

    private Behavior<Command> onDeliver(Segment seg) {
        FourTuple tuple = FourTuple.ofArriving(seg);
        Endpoint endpoint = connections.get(tuple);
        if (endpoint != null) {
            try {
                endpoint.incoming(seg);
            } catch (RuntimeException e) {
                endpointFailed(endpoint, e);
            }
        } else {
            TimeWaitEntry waiting = timeWait.get(tuple);
            if (waiting == null) toListenerOrNobody(tuple, seg, -1);
            else if (inTimeWait(tuple, seg)) toListenerOrNobody(tuple, seg, TimeWait.reopenIsn(waiting, spec.tcp()));
        }
        return this;
    }

    /** Applies the TIME-WAIT rules; true if the segment should go on to a listener (a SYN reopening the tuple). */
    private boolean inTimeWait(FourTuple tuple, Segment seg) {
        TimeWaitEntry entry = timeWait.get(tuple);
        TimeWait.Result result = TimeWait.handleSegment(entry, seg, now(), spec.tcp());
        switch (result.verdict()) {
            case IGNORE -> keep(entry, result.entry());
            case REPLY -> {
                send(result.reply(), State.TIME_WAIT);
                keep(entry, result.entry());
            }
            case CLOSE -> endTimeWait(entry, "rcv RST");
            case REOPEN -> {
                endTimeWait(entry, "rcv SYN, reopened");
                return true;
            }
        }
        return false;
    }

    /** Stores what the rules made of an entry (a newer timestamp, a restarted timer). */
    private void keep(TimeWaitEntry before, TimeWaitEntry after) {
        if (after != null && after != before) timeWait.put(after);
    }

    /** @param iss the ISN a new connection answers with (a SYN that reopened TIME-WAIT), or -1: the generator's */
    private void toListenerOrNobody(FourTuple tuple, Segment seg, long iss) {
        Listener listener = listeners.get(seg.dst().port());
        if (listener == null) {
            replyNoSocket(seg);
            return;
        }
        io.tcpemu.tcp.Listen.Verdict verdict = io.tcpemu.tcp.Listen.handleSegment(seg, spec.tcp());
        switch (verdict.action()) {
            case DROP -> { }
            case RESET -> send(verdict.reply(), State.LISTEN);
            case ACCEPT -> onSyn(listener, tuple, seg, iss);
        }
    }

    private void replyNoSocket(Segment seg) {
        Segment rst = NoSocket.reply(seg);
        if (rst == null) return;
        if (env.trace().enabled()) Traces.host(env.trace(), now(), name, "rst-no-socket", seg.toString());
        send(rst, State.CLOSED);
    }

    private void onSyn(Listener listener, FourTuple tuple, Segment syn, long iss) {
        if (listener.full()) {
            counters.backlogDrops++;
            Traces.host(env.trace(), now(), name, "backlog-overflow",
                    "port " + listener.port + " backlog " + listener.backlog + ", SYN from " + syn.src() + " dropped");
            return;
        }
        listener.halfOpen.add(tuple);
        open(newEndpoint(tuple, null, SocketEvent.Delivery.PULL, false, listener.receiveBuffer), syn, iss);
    }

    // ---- what goes to endpoints: timer firings, socket calls ---------------------------------

    private Behavior<Command> onFired(EndpointTimers.Fired fired) {
        try {
            fired.endpoint().fired(fired);   // a firing of a dropped endpoint is stale: its timers were cancelled
        } catch (RuntimeException e) {
            endpointFailed(fired.endpoint(), e);
        }
        return this;
    }

    private Behavior<Command> onToEndpoint(ToEndpoint m) {
        Endpoint endpoint = endpointOf(m.socket());
        if (endpoint == null) {
            if (m.call() instanceof Endpoint.WatchStop w) w.replyTo().tell(new Endpoint.Stopped());
            else if (m.ifGone() != null) m.ifGone().tell(new Gone(m.socket()));
            return this;
        }
        try {
            if (!endpoint.receive(m.call())) {   // its user closed the socket of an ended connection
                held.remove(m.socket().connId());
                endpoint.stop();
            }
        } catch (RuntimeException e) {
            endpointFailed(endpoint, e);
        }
        return this;
    }

    /** The endpoint serving {@code socket}: a live connection's, or an ended one its user still holds; null if gone. */
    private Endpoint endpointOf(SocketRef socket) {
        Endpoint live = connections.get(socket.tuple());
        if (live != null && live.socket().connId() == socket.connId()) return live;
        return held.isEmpty() ? null : held.get(socket.connId());
    }

    /**
     * An endpoint threw (a bug): the host forgets it and frees its port, as it would a stopped
     * actor, and goes on; the failure is logged with the connection it hit.
     */
    private void endpointFailed(Endpoint endpoint, RuntimeException e) {
        SocketRef socket = endpoint.socket();
        log.error("endpoint " + socket + " failed; it is dropped", e);
        forgetConnection(socket.tuple(), endpoint);
        held.remove(socket.connId(), endpoint);
        endpoint.stop();
        updateGauges();
    }

    // ---- socket calls --------------------------------------------------------------------

    /** @param outcomeTo who hears Connected or Failed from the endpoint: the owner, or for an announced socket its watcher */
    private Behavior<Command> onConnect(Connect m, boolean announce, ActorRef<SocketEvent> outcomeTo) {
        if (env.directory().link(spec.ip(), m.remote().ip()) == null) {
            failCall(m.owner(), "connect " + m.remote() + " (no link from " + name + ")", Errno.ENETUNREACH);
            return this;
        }
        probedTuple = null;
        int port = m.localPort() == 0 ? ports.allocate(spec.ip(), m.remote(), p -> usableForConnect(p, m.remote()))
                : explicitPort(m.localPort(), m.remote(), m.owner(), "connect " + m.remote());
        if (port == -1) {
            String call = "connect " + m.remote();
            counters.connectsAddrNotAvail++;
            Traces.host(env.trace(), now(), name, "port-exhausted", call);
            failCall(m.owner(), call, Errno.EADDRNOTAVAIL);
        } else if (port > 0) {
            boolean probed = probedTuple != null && probedTuple.local().port() == port && probedTuple.remote().equals(m.remote());
            FourTuple tuple = probed ? probedTuple : new FourTuple(new SockAddr(spec.ip(), port), m.remote());
            TimeWaitEntry reused = probed ? probedEntry : timeWait.get(tuple);
            probedTuple = null;
            probedEntry = null;
            if (reused != null) {
                counters.timeWaitReused++;
                Traces.host(env.trace(), now(), name, "time-wait-reused", tuple.toString());
                endTimeWait(reused, "tw_reuse by connect");
            }
            Endpoint endpoint = newEndpoint(tuple, outcomeTo, m.delivery(), announce, m.receiveBuffer());
            SocketRef socket = endpoint.socket();
            if (announce && m.owner() != null) m.owner().tell(new SocketEvent.Connecting(socket));
            // every connect is traced once, when called (before its SYN); its outcome follows as a state change or notice
            if (env.trace().enabled()) Traces.call(env.trace(), now(), name, socket.connId(), "connect " + m.remote(), "EINPROGRESS");
            open(endpoint, null, -1);
        }
        return this;
    }

    /** A bound port: -1 if its 4-tuple is busy (EADDRNOTAVAIL), 0 if the call already failed, else the port. */
    private int explicitPort(int port, SockAddr remote, ActorRef<SocketEvent> owner, String call) {
        if (port < 1 || port > 65535) {
            failCall(owner, call + " from port " + port, Errno.EINVAL);
            return 0;
        }
        if (listeners.containsKey(port)) {
            failCall(owner, "bind " + port, Errno.EADDRINUSE);
            return 0;
        }
        return usableForConnect(port, remote) ? port : -1;
    }

    /**
     * A port can carry a new outgoing connection if no socket has that 4-tuple and no listener the
     * port. The tuple and TIME-WAIT entry of a usable one are kept for the connect that takes it
     * next ({@link #probedTuple}), not looked up again in a table of up to a million entries.
     */
    private boolean usableForConnect(int port, SockAddr remote) {
        if (listeners.containsKey(port)) return false;
        FourTuple tuple = new FourTuple(new SockAddr(spec.ip(), port), remote);
        if (connections.containsKey(tuple)) return false;
        TimeWaitEntry entry = timeWait.get(tuple);
        boolean usable = entry == null || (spec.twReuse() && TimeWaitTable.reusable(entry, now(), spec.tcp().timestamps()));
        if (usable) {
            probedTuple = tuple;
            probedEntry = entry;
        }
        return usable;
    }

    private Behavior<Command> onListen(Listen m) {
        String call = "listen " + m.port();
        if (m.port() < 1 || m.port() > 65535 || m.backlog() < 0) { // Linux takes listen(fd, 0): room for one
            failCall(m.owner(), call + " backlog " + m.backlog(), Errno.EINVAL);
        } else if (listeners.containsKey(m.port()) || (!m.reuseAddr() && portUse.taken(m.port()))) {
            failCall(m.owner(), call, Errno.EADDRINUSE);
        } else {
            Listener listener = new Listener(m.port(), m.backlog(), m.reuseAddr(), m.owner(), m.delivery());
            listener.receiveBuffer = m.receiveBuffer();
            listeners.put(m.port(), listener);
            portUse.take(m.port());
            Traces.call(env.trace(), now(), name, 0, call, "ok");
            if (m.owner() != null) m.owner().tell(new SocketEvent.Listening(name, m.port()));
        }
        updateGauges();
        return this;
    }

    private Behavior<Command> onAccept(Accept m) {
        Listener listener = listeners.get(m.port());
        if (listener == null) failCall(m.replyTo(), "accept on port " + m.port() + " (not listening)", Errno.EINVAL);
        else if (listener.accept(m.replyTo())) {
            // Only pull-mode accepts (console, tests) wait here; workloads are pushed their connections.
            getContext().watchWith(m.replyTo(), new AcceptWaiterGone(m.port(), m.replyTo()));
        }
        return this;
    }

    private Behavior<Command> onUnlisten(Unlisten m) {
        Listener listener = listeners.remove(m.port());
        if (listener == null) return this;
        portUse.release(m.port());
        // Linux drops its half-open children silently (a request sock sends nothing); the peer's ACK then finds
        // no socket and gets a RST. Children already established are reset, as Linux's tcp_disconnect does.
        for (FourTuple t : new ArrayList<>(listener.halfOpen)) {
            Endpoint child = connections.get(t);
            forgetConnection(t, child);
            child.stop();
            Traces.state(env.trace(), now(), name, child.socket().connId(), t, State.SYN_RECEIVED, State.CLOSED, "listener closed");
        }
        for (SocketRef s : listener.acceptQueue) tellLater(s, new Endpoint.Abort(null));
        for (ActorRef<SocketEvent> w : listener.waiting) failCall(w, "accept on port " + m.port() + " (listener closed)", Errno.EINVAL);
        updateGauges();
        return this;
    }

    // ---- reports from endpoints, called while they run ------------------------------------
    // What these do to an endpoint (a new owner, an abort) is told, not called: it runs after the
    // endpoint's own step, as it would from another actor, never inside it.

    /** A connection completed its handshake: a connect ({@code passive} false) or a listener's child. */
    void endpointEstablished(SocketRef socket, boolean passive) {
        if (!passive) {
            counters.connectsOk++;
            return;
        }
        Listener listener = listeners.get(socket.tuple().local().port());
        if (listener != null && listener.halfOpen.contains(socket.tuple())) listener.established(socket, this::tellLater);
        else tellLater(socket, new Endpoint.Abort(null)); // its listener closed meanwhile
    }

    /**
     * An endpoint reached TIME-WAIT; the host keeps its entry and forgets the endpoint, dropping
     * it unless {@code userHoldsIt} (a socket its user has not closed yet; it goes on close).
     */
    void endpointInTimeWait(Endpoint endpoint, TimeWaitEntry entry, boolean userHoldsIt) {
        retire(entry.tuple(), endpoint, userHoldsIt);
        if (timeWait.put(entry)) {
            portUse.take(entry.tuple().local().port());
            armTimeWaitTimer();
        } else {
            counters.timeWaitCapHits++;
            Traces.host(env.trace(), now(), name, "time-wait-cap",
                    timeWait.capacity() + " entries, " + entry.tuple() + " skips TIME-WAIT");
            Traces.state(env.trace(), now(), name, entry.origin(), entry.tuple(), State.TIME_WAIT, State.CLOSED, "time-wait cap");
        }
        updateGauges();
    }

    /** An endpoint reached CLOSED; the host forgets it, and drops it unless {@code userHoldsIt}. */
    void endpointClosed(Endpoint endpoint, boolean userHoldsIt) {
        retire(endpoint.socket().tuple(), endpoint, userHoldsIt);
        updateGauges();
    }

    /** How a connect failed, or a later reset or timeout, for the counters. */
    void countOutcome(Errno errno) {
        switch (errno) {
            case ECONNREFUSED -> counters.connectsRefused++;
            case ETIMEDOUT -> counters.connectsTimedOut++;
            case ECONNRESET -> counters.resets++;
            default -> { }
        }
    }

    void countStaleBytes(int bytes) { counters.staleBytesAccepted += bytes; }

    /** This host's actor context: its endpoints' timers are told to it. */
    ActorContext<Command> context() { return getContext(); }

    // ---- TIME-WAIT: one timer for the whole table ------------------------------------------

    private Behavior<Command> onExpireTimeWait() {
        timerDeadline = Long.MAX_VALUE;
        long now = now();
        for (TimeWaitEntry entry : timeWait.expire(now)) {
            portUse.release(entry.tuple().local().port());
            Traces.state(env.trace(), now, name, entry.origin(), entry.tuple(), State.TIME_WAIT, State.CLOSED, "2MSL timeout");
        }
        armTimeWaitTimer();
        updateGauges();
        return this;
    }

    /** Entries expire in FIFO order, so the timer only moves when the table was empty (or on firing). */
    private void armTimeWaitTimer() {
        long next = timeWait.nextExpiry();
        if (next >= timerDeadline) return;
        timerDeadline = next;
        timer.start(Math.max(0, next - now()), new ExpireTimeWait(), env.time());
    }

    private void endTimeWait(TimeWaitEntry entry, String cause) {
        timeWait.remove(entry.tuple());
        portUse.release(entry.tuple().local().port());
        Traces.state(env.trace(), now(), name, entry.origin(), entry.tuple(), State.TIME_WAIT, State.CLOSED, cause);
        updateGauges();
    }

    // ---- helpers -------------------------------------------------------------------------

    private Behavior<Command> onGetTable(GetTable m) {
        List<ListenerInfo> ls = new ArrayList<>();
        for (Listener l : listeners.values())
            ls.add(new ListenerInfo(l.port, l.backlog, l.reuseAddr, l.halfOpen.size(), l.acceptQueue.size()));
        List<SocketRef> sockets = new ArrayList<>(connections.size());
        for (Endpoint e : connections.values()) sockets.add(e.socket());
        m.replyTo().tell(new Table(name, sockets, ls, new ArrayList<>(timeWait.entries()), counters.snapshot()));
        return this;
    }

    /** Makes the endpoint of a new connection and enters it in the table; {@link #open} opens it. */
    private Endpoint newEndpoint(FourTuple tuple, ActorRef<SocketEvent> owner, SocketEvent.Delivery delivery,
                                 boolean announced, int receiveBuffer) {
        long connId = ((spec.ip() & 0xFFFF_FFFFL) << 31) | (++connCounter & 0x7FFF_FFFFL);
        TcpConfig tcp = receiveBuffer > 0 ? ReceiveBufferOption.apply(spec.tcp(), receiveBuffer) : spec.tcp();
        Endpoint endpoint = new Endpoint(this, getContext().getSelf(),
                new Endpoint.Params(connId, tuple, spec, tcp, isn, env, owner, delivery, announced));
        connections.put(tuple, endpoint);
        portUse.take(tuple.local().port());
        updateGauges();
        return endpoint;
    }

    /** {@code syn} is null for a connect, else the SYN a listener's child takes (answered with {@code iss}, or -1: the generator's). */
    private void open(Endpoint endpoint, Segment syn, long iss) {
        try {
            endpoint.begin(syn, iss);
        } catch (RuntimeException e) {
            endpointFailed(endpoint, e);
        }
    }

    /**
     * An endpoint that reported its end leaves the table; it is dropped, or kept answering its
     * user's calls until closed if the user holds its socket (and had accepted it).
     */
    private void retire(FourTuple tuple, Endpoint endpoint, boolean userHoldsIt) {
        if (!connections.remove(tuple, endpoint)) return;   // one look-up, not a get before the remove
        boolean neverAccepted = leftTable(tuple);
        if (!userHoldsIt || neverAccepted) endpoint.stop();
        else held.put(endpoint.socket().connId(), endpoint);
    }

    /** Returns true if the connection was a listener's child that nobody had accepted yet. */
    private boolean forgetConnection(FourTuple tuple, Endpoint endpoint) {
        return connections.remove(tuple, endpoint) && leftTable(tuple);
    }

    /** A connection left the table: its port is free, its listener forgets it; true if it was a child nobody had accepted yet. */
    private boolean leftTable(FourTuple tuple) {
        portUse.release(tuple.local().port());
        Listener listener = listeners.get(tuple.local().port());
        return listener != null && listener.forget(tuple);
    }

    /** The host stops or restarts: no endpoint's timer may fire into it, and whoever watches one hears it is gone. */
    private void stopAll() {
        if (deliveries.host == this) deliveries.host = null;
        if (calls.host == this) calls.host = null;
        timer.cancel();
        for (Endpoint e : connections.values()) e.stop();
        for (Endpoint e : held.values()) e.stop();
    }

    private void send(Segment seg, State senderState) {
        long now = now();
        if (seg.isRst()) counters.rstsSent++;
        Traces.sent(env.trace(), now, name, seg, false);
        Link.Wire link = env.directory().wire(spec.ip(), seg.dst().ip());
        if (link != null) link.transmit(seg, senderState, now);
    }

    private void failCall(ActorRef<SocketEvent> replyTo, String call, Errno errno) {
        Traces.call(env.trace(), now(), name, 0, call, errno.name());
        if (replyTo != null) replyTo.tell(new SocketEvent.Failed(null, call, errno));
    }

    private void updateGauges() {
        counters.connections = connections.size();
        counters.timeWaitCount = timeWait.size();
        counters.portsInUse = portUse.portsInUse();
    }

    private long now() { return env.time().now(); }
}
