package io.tcpemu.pkt;

import com.typesafe.config.ConfigFactory;
import io.tcpemu.runtime.Directory;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.Link;
import io.tcpemu.runtime.RuntimeEnv;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.time.VirtualClock;
import io.tcpemu.time.VirtualTime;
import io.tcpemu.trace.TraceBus;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One emulated host under test, in its own virtual-time actor system: the script's peer is no TCP
 * stack, so injected segments go straight to the host as {@link Host.Deliver}, and what the host
 * sends toward the peer's address is captured by a {@link CaptureLink} registered in the
 * {@link Directory} as the link to the peer. Times are microseconds since this target started.
 */
public final class RuntimeTarget implements Target, AutoCloseable {
    static final String HOST = "host";

    private final ActorSystem<Void> system;
    private final VirtualClock clock;
    private final long startedAt;
    private final ActorRef<Host.Command> host;
    private final Queue<Sent> captured = new ConcurrentLinkedQueue<>();
    private final RuntimeSockets sockets;

    public RuntimeTarget(Conventions conv, TcpConfig tcp, long seed) {
        this(conv, HostSpec.of(HOST, SockAddr.formatIp(conv.localIp()), tcp).withSeed(seed));
    }

    /** A host of this spec (its seed seeds the run); the spec's address must be the script's local one. */
    public RuntimeTarget(Conventions conv, HostSpec spec) {
        system = ActorSystem.create(Behaviors.empty(), "pkt", VirtualTime.config(spec.seed()).withFallback(ConfigFactory.load()));
        clock = VirtualTime.of(system);
        startedAt = clock.now();
        Directory directory = new Directory();
        RuntimeEnv env = new RuntimeEnv(directory, new TraceBus(), clock);
        host = system.systemActorOf(Host.create(spec, env), HOST, Props.empty());
        directory.addHost(HOST, spec.ip(), host);
        ActorRef<Link.Command> link = system.systemActorOf(CaptureLink.create(clock, startedAt, captured), "capture", Props.empty());
        directory.addLink(spec.ip(), conv.remoteIp(), link);
        sockets = new RuntimeSockets(system, host, spec.tcp(), this::now);
        settle();
    }

    @Override public long now() { return clock.now() - startedAt; }

    @Override public void runUntil(long micros) {
        if (micros > now()) clock.advanceTo(startedAt + micros);
    }

    @Override public Sent nextSent(long deadline) {
        Sent head = captured.peek();
        if (head == null && deadline > now()) {
            clock.runUntil(() -> !captured.isEmpty(), startedAt + deadline);
            head = captured.peek();
        }
        return head != null && head.at() <= deadline ? captured.poll() : null;
    }

    @Override public void inject(Segment segment) {
        sockets.injected(segment);
        host.tell(new Host.Deliver(segment));
        settle();
    }

    @Override public PendingCall call(SocketCall call) {
        PendingCall pending = sockets.call(call);
        settle();
        return sockets.afterSettling(call, pending);
    }

    /** Lets the host handle what was just sent to it, without moving the clock. */
    private void settle() { clock.advanceTo(clock.now()); }

    @Override public void close() { system.terminate(); }
}
