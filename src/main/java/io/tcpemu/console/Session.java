package io.tcpemu.console;

import io.tcpemu.config.Settings;
import io.tcpemu.emulation.Emulation;
import io.tcpemu.runtime.Endpoint;
import io.tcpemu.runtime.SocketEvent;
import io.tcpemu.runtime.SocketRef;
import io.tcpemu.runtime.Spawner;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.StateChanged;
import io.tcpemu.trace.TraceRecorder;
import io.tcpemu.workload.Workload;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A console session: one emulation plus the names the user works with. Connections the user
 * opens are {@code c1, c2 ...} (or the name given with {@code as}); connections a host accepts
 * are {@code b.conn1, b.conn2 ...}. Events from the emulation arrive on its threads and are
 * handed, already formatted, to the event printer.
 */
public final class Session implements AutoCloseable {
    /**
     * Numbers for the names of the actors this session spawns, counted per session, not per JVM:
     * a timer's same-instant rank comes from its actor's name ({@code time.Origins}), so a name
     * that depended on how many sessions the JVM had run before changed the run's trace.
     */
    private final AtomicLong owners = new AtomicLong(), workloads = new AtomicLong();

    private volatile Emulation emu;
    private final Consumer<String> events;
    private volatile Verbosity verbosity = Verbosity.NORMAL;
    private final ConnNames names = new ConnNames();
    /** Every call that failed, as "c1: connect 10.0.0.2:81: ECONNREFUSED (connection refused)". */
    private final List<String> failedCalls = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private volatile TraceRecorder recorder;
    /** The note that the trace was cut has been printed (once per emulation). */
    private volatile boolean traceCutSaid;
    private AutoCloseable subscription;
    /** The scenario last loaded (its workload section is what 'workload start' runs), or null. */
    private volatile Settings scenario;
    /** The workload 'workload start' began on this emulation, or null. */
    private volatile ActorRef<Workload.Command> workload;
    /** The plan of the last workload, running or not, until its listeners are closed: the servers it listens on. */
    private volatile io.tcpemu.workload.WorkloadPlan workloadPlan;

    public Session(Emulation emulation, Consumer<String> events) {
        this.events = events;
        attach(emulation);
    }

    public Emulation emulation() { return emu; }

    /** Ends the current emulation and continues with another (the {@code load} command); names start over. */
    public void replace(Emulation next) {
        Emulation old;
        synchronized (this) {
            old = emu;
            closeSubscriptions();
            names.clear();
            failedCalls.clear();
            workload = null;
            workloadPlan = null;
        }
        old.close();
        attach(next);
    }

    private synchronized void attach(Emulation emulation) {
        this.emu = emulation;
        // bounded as in 'tcpemu run': a long session keeps the first events and says so, rather than running out of memory
        this.recorder = TraceRecorder.on(emulation.trace(), io.tcpemu.workload.HeapBudget.traceEvents());
        this.traceCutSaid = false;
        this.subscription = emulation.trace().subscribe(this::onTrace);
    }

    /** The scenario the emulation came from (null: none); 'workload start' takes its workload section. */
    public Settings scenario() { return scenario; }
    public void scenario(Settings settings) { scenario = settings; }

    /** The settings of host {@code name}: the loaded scenario's, or every default for a host it does not declare. */
    public io.tcpemu.config.HostSettings hostSettings(String name) {
        Settings s = scenario;
        io.tcpemu.config.HostSettings declared = s == null ? null : s.host(name);
        return declared != null ? declared : io.tcpemu.config.ConfigLoader.hostDefaults();
    }

    /** The background workload, or null. */
    public ActorRef<Workload.Command> workload() { return workload; }
    /** Sets the background workload: one 'workload start' spawned, or a run's own (its script's 'workload stop' then stops it). */
    public void workload(ActorRef<Workload.Command> ref, io.tcpemu.workload.WorkloadPlan plan) {
        workload = ref;
        workloadPlan = plan;
    }

    /** The plan of {@link #workload()}: the clients a stop is for. */
    io.tcpemu.workload.WorkloadPlan workloadPlan() { return workloadPlan; }

    /** 'workload stop': no workload any more, but its listeners stay open for the connections still closing. */
    void workloadStopped() { workload = null; }

    /**
     * Closes the listeners a finished workload opened (its server applications serve on for the
     * connections still closing, so they never close them): else the next 'workload start' on the
     * same port fails with EADDRINUSE.
     */
    void retireWorkload() {
        io.tcpemu.workload.WorkloadPlan plan = workloadPlan;
        if (plan != null) for (io.tcpemu.workload.WorkloadPlan.Server s : plan.servers()) unlisten(s.host(), s.address().port());
        workload = null;
        workloadPlan = null;
        settle();
    }

    public Verbosity verbosity() { return verbosity; }
    public void verbosity(Verbosity v) { verbosity = v; }

    /**
     * What {@code tcpemu run} would measure of this emulation so far, by the same collector over
     * the same trace: its lifetime includes TIME-WAIT, its ports in use are the ones this host's
     * connects hold. Sampled at 0 and now, so a host's last sample is its state now.
     */
    public io.tcpemu.metrics.Metrics metrics() {
        long now = emu.now();
        io.tcpemu.metrics.MetricsCollector collector = new io.tcpemu.metrics.MetricsCollector(Math.max(1, now));
        for (TraceEvent e : trace()) collector.accept(e);
        return collector.finish(now);
    }

    /** Everything traced since the emulation started, for ladders and pcap files. */
    public List<TraceEvent> trace() { return recorder.events(); }

    // ---- names ------------------------------------------------------------------------------

    /** The connection with this console id; a one-line error naming the near or known ones otherwise. */
    public NamedConnection conn(String id) { return names.get(id); }

    /** The connection with this id, or null. */
    public NamedConnection find(String id) { return names.find(id); }

    /** True for a name like "b.conn3" of a known host: a connection that host may still accept. */
    public boolean acceptedNameAhead(String id) {
        int dot = id.lastIndexOf(".conn");
        return dot > 0 && id.substring(dot + 5).matches("\\d+") && emu.hasHost(id.substring(0, dot));
    }

    public List<NamedConnection> conns() { return names.all(); }

    public List<String> connIds() { return names.ids(); }

    /** Every call that failed so far (connect, listen, write ...), as "c1: connect 10.0.0.2:81: ECONNREFUSED (...)". */
    public List<String> failedCalls() { synchronized (failedCalls) { return List.copyOf(failedCalls); } }

    /** Checks a host name, with the known ones as the hint. */
    public String host(String name) {
        if (emu.hasHost(name)) return name;
        String near = Suggest.closest(name, emu.hostNames());
        throw new ConsoleError("no host '" + name + "'", near != null ? "did you mean '" + near + "'?"
                : "hosts: " + String.join(", ", emu.hostNames()));
    }

    /** "b:80" (a host name) or "10.0.0.2:80" to an address. */
    public SockAddr address(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) throw new ConsoleError("'" + text + "' is not an address", "expected HOST:PORT such as b:80");
        int port = port(text.substring(colon + 1), text);
        String where = text.substring(0, colon);
        if (Character.isDigit(where.charAt(0))) {
            try {
                return new SockAddr(SockAddr.parseIp(where), port);
            } catch (IllegalArgumentException e) {
                throw new ConsoleError("'" + where + "' is not an IPv4 address", "expected HOST:PORT such as b:80 or 10.0.0.2:80");
            }
        }
        return new SockAddr(emu.ip(host(where)), port);
    }

    static int port(String text, String whole) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 1 && p <= 65535) return p;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConsoleError("bad port '" + text + "' in '" + whole + "'", "expected a number from 1 to 65535");
    }

    // ---- socket calls -----------------------------------------------------------------------

    /** Starts a connect from {@code host}; the handshake runs as emulated time passes. */
    public NamedConnection connect(String host, SockAddr remote, int localPort, String as) {
        return connect(host, remote, localPort, as, id -> { });
    }

    /** As {@link #connect(String, SockAddr, int, String)}; {@code named} hears the id before the SYN can go out. */
    public NamedConnection connect(String host, SockAddr remote, int localPort, String as, Consumer<String> named) {
        host(host);
        NamedConnection c = names.opening(host, remote, as);
        named.accept(c.id());
        ActorRef<Object> owner = owner(c.id(), host);
        c.owner(owner);
        emu.host(host).tell(new io.tcpemu.runtime.Host.Connect(remote, localPort, owner.narrow(), SocketEvent.Delivery.PUSH));
        return c;
    }

    public void listen(String host, int port, int backlog, boolean reuseAddr) {
        host(host);
        ActorRef<Object> owner = owner(host + ":" + port, host);
        emu.host(host).tell(new io.tcpemu.runtime.Host.Listen(port, backlog, reuseAddr, owner.narrow(), SocketEvent.Delivery.PUSH));
    }

    /** Names the next connection {@code host} accepts on {@code port} (every accepted one is read as data arrives). */
    public NamedConnection accept(String host, int port, String as) { return names.awaitAccept(host(host), port, as); }

    public void unlisten(String host, int port) { emu.host(host(host)).tell(new io.tcpemu.runtime.Host.Unlisten(port)); }

    /**
     * Hands {@code data} to the connection (after {@code beforeSending}); null if it went, else the error write(2) gets because
     * the connection has ended (recorded as a failed call, as an error from a live endpoint is).
     */
    public io.tcpemu.runtime.Errno write(NamedConnection c, byte[] data, Runnable beforeSending) {
        SocketRef endpoint = c.endpoint();
        io.tcpemu.runtime.Errno refused = c.writeRefusal();
        if (refused != null) {
            recordFailure(c, c.id(), "write", refused);
            return refused;
        }
        beforeSending.run();   // "writing 5 bytes" comes before any answer the endpoint prints
        c.wrote(data.length);
        endpoint.tell(new Endpoint.Write(data, replyTo(c)));
        return null;
    }

    public byte[] read(NamedConnection c, int max) { return c.take(max); }

    /**
     * Bytes the console's writes handed over that no named end has received yet: each will still
     * cost its segments, trace and the reader's copy, which the heap free now does not show.
     */
    public long bytesOnTheirWay() {
        long written = 0, received = 0;
        for (NamedConnection c : names.all()) {
            written += c.bytesWritten();
            received += c.bytesReceived();
        }
        return Math.max(0, written - received);
    }

    public void shutdown(NamedConnection c) { closing(c).tell(new Endpoint.Shutdown(replyTo(c))); }

    public void close(NamedConnection c) { closing(c).tell(new Endpoint.Close(replyTo(c))); }

    public void abort(NamedConnection c) { closing(c).tell(new Endpoint.Abort(replyTo(c))); }

    /** The endpoint of a connection this end now closes: bytes from here on are counted apart. */
    private SocketRef closing(NamedConnection c) {
        SocketRef endpoint = c.endpoint();
        c.closeCalled();
        return endpoint;
    }

    public void lingerZero(NamedConnection c, boolean on) { c.endpoint().tell(new Endpoint.SetLingerZero(on)); }

    private ActorRef<Endpoint.Reply> replyTo(NamedConnection c) {
        ActorRef<Object> o = c.owner();
        if (o == null) {
            o = owner(c.id(), c.host());
            c.owner(o);
        }
        return o.narrow();
    }

    /** The name of the next workload this session starts: console-workload-1, -2, ... */
    String nextWorkloadName() { return "console-workload-" + workloads.incrementAndGet(); }

    /** On the partition of {@code host}: its events reach the owner without crossing partitions. */
    private ActorRef<Object> owner(String tag, String host) {
        return Spawner.of(emu.systemOf(host)).spawn(Owner.create(tag, this::onOwner), "console-owner-" + owners.incrementAndGet());
    }

    // ---- time -------------------------------------------------------------------------------

    /**
     * Lets the emulation finish what a command started at the current instant (messages sent,
     * segments handed to links), so the next command sees its effect.
     */
    public void settle() { emu.clock().advanceBy(0); }

    /** Lets {@code micros} of emulated time pass. */
    public void step(long micros) { emu.advance(micros); }

    /** Runs until nothing is pending (or {@code maxMicros} passed); true if it went idle. */
    public boolean runUntilIdle(long maxMicros) { return emu.clock().runUntilIdle(emu.now() + maxMicros); }

    /** Runs until {@code condition} holds or {@code maxMicros} passed; true if it held. */
    public boolean runUntil(BooleanSupplier condition, long maxMicros) { return emu.clock().runUntil(condition, emu.now() + maxMicros); }

    // ---- what the emulation reports -----------------------------------------------------------

    private void onTrace(TraceEvent e) {
        if (e instanceof StateChanged s) names.stateChanged(s);
        if (!traceCutSaid && recorder.dropped() > 0) {
            traceCutSaid = true;
            events.accept("note: " + recorder.cut());
        }
        print(EventFormat.line(e, verbosity, names::nameOf));
    }

    private void onOwner(String tag, Object message) {
        String line = null;
        if (message instanceof SocketEvent.Connected m) line = names.bound(m.socket()).id() + " connected " + m.socket().tuple();
        else if (message instanceof SocketEvent.Accepted m) line = tag + " accepted " + names.bound(m.socket()).id() + " from " + m.socket().tuple().remote();
        else if (message instanceof SocketEvent.Listening m) line = m.host() + " listening on port " + m.port();
        else if (message instanceof SocketEvent.Failed m) line = failed(tag, m);
        else if (message instanceof SocketEvent.Data m) line = received(m.socket(), m.bytes());
        else if (message instanceof SocketEvent.Eof m) line = eof(m.socket());
        else if (message instanceof SocketEvent.Reset m) line = reset(m.socket());
        else if (message instanceof SocketEvent.Closed m) ended(m.socket());
        else if (message instanceof Endpoint.Failure m) line = callFailed(tag, m);
        if (line != null) print(EventFormat.time(emu.now()) + "  " + line);
    }

    /** The endpoint of a connection that had a socket is gone; one whose connect failed never had one, and stays so. */
    private void ended(SocketRef ref) {
        NamedConnection c = names.known(ref);
        if (c != null && c.isBound() && c.hasSocket()) c.ended();
    }

    private String eof(SocketRef ref) {
        NamedConnection c = names.bound(ref);
        c.eofSeen();
        return c.id() + " end of stream: the peer sent FIN";
    }

    private String received(SocketRef ref, byte[] bytes) {
        NamedConnection c = names.bound(ref);
        c.received(bytes);
        return verbosity == Verbosity.VERBOSE ? c.id() + " received " + bytes.length + " bytes (" + c.readable() + " to read)" : null;
    }

    private String reset(SocketRef ref) {
        NamedConnection c = names.bound(ref);
        c.reset();
        return c.id() + " reset by the peer (ECONNRESET)";
    }

    private String callFailed(String tag, Endpoint.Failure m) {
        recordFailure(names.find(tag), tag, m.call(), m.errno());
        return tag + ": " + m.call() + " failed: " + m.errno() + " (" + m.errno().message() + ")";
    }

    private void recordFailure(NamedConnection c, String tag, String call, io.tcpemu.runtime.Errno errno) {
        String what = call + ": " + errno + " (" + errno.message() + ")";
        if (c != null) c.failedCall(what);
        failedCalls.add((c != null ? c.id() : tag) + ": " + what);
    }

    private String failed(String tag, SocketEvent.Failed m) {
        NamedConnection c = names.failed(m.socket(), tag);
        if (c != null) c.failed(m.errno().name());
        recordFailure(c, tag, m.call(), m.errno());
        return (c != null ? c.id() : tag) + ": " + m.call() + " failed: " + m.errno() + " (" + m.errno().message() + ")";
    }

    private void print(String line) {
        if (line != null) events.accept(line);
    }

    private void closeSubscriptions() {
        try {
            if (subscription != null) subscription.close();
        } catch (Exception ignored) {
            // a subscription's close only removes a list entry
        }
        if (recorder != null) recorder.close();
    }

    @Override public void close() {
        synchronized (this) { closeSubscriptions(); }
        emu.close();
    }
}
