package io.tcpemu.workload;

import io.tcpemu.runtime.Endpoint;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.SocketEvent;
import io.tcpemu.runtime.SocketRef;
import io.tcpemu.tcp.SockAddr;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.io.ByteArrayOutputStream;

/**
 * One proxied connection: the client's (front) socket the proxy accepted and the proxy's own
 * (back) socket to a back-end, both real connections of the proxy host. Bytes are copied both ways;
 * a FIN from one side closes the other (so whoever closes first, the proxy closes the other leg
 * first: with clients closing first, the proxy's back-end leg ends in the proxy's TIME-WAIT; with
 * back-ends closing first, theirs), a reset aborts the other. A connect that fails (no ephemeral
 * port left: EADDRNOTAVAIL) aborts the client's connection, as a layer-4 proxy with no back-end does.
 */
final class Splice extends AbstractBehavior<Splice.Command> {

    sealed interface Command {}

    /** An event of the client's connection, passed on by the proxy (it owns the listener). */
    record Front(SocketEvent event) implements Command {}

    /** The client driver closes its end and this one at the same instant (close = simultaneous). */
    enum CloseNow implements Command { INSTANCE }

    private record Back(SocketEvent event) implements Command {}

    /** What the proxy hears when both legs are gone, so it can forget the connection and count its back-end free. */
    record Ended(SocketRef front, int backend) {}

    static Behavior<Command> create(SocketRef front, ActorRef<Host.Command> host, SockAddr backend, int backendIndex,
                                    ActorRef<Ended> proxy) {
        return Behaviors.setup(ctx -> new Splice(ctx, front, host, backend, backendIndex, proxy));
    }

    private final SocketRef front;
    private final int backendIndex;
    private final ActorRef<Ended> proxy;
    private SocketRef back;
    /** The client's bytes that came before the back-end connection was up. */
    private final ByteArrayOutputStream early = new ByteArrayOutputStream();
    private boolean frontGone, backGone;
    private boolean frontClosed, backClosed;
    /** The client closed (or reset) before the back-end connection was up: close (or abort) it when it is. */
    private boolean closeBackWhenUp, abortBackWhenUp;

    private Splice(ActorContext<Command> ctx, SocketRef front, ActorRef<Host.Command> host, SockAddr backend, int backendIndex,
                   ActorRef<Ended> proxy) {
        super(ctx);
        this.front = front;
        this.backendIndex = backendIndex;
        this.proxy = proxy;
        ActorRef<SocketEvent> events = ctx.messageAdapter(SocketEvent.class, Back::new);
        host.tell(new Host.Connect(backend, 0, events, SocketEvent.Delivery.PUSH));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Front.class, m -> onFront(m.event()))
                .onMessage(Back.class, m -> onBack(m.event()))
                .onMessageEquals(CloseNow.INSTANCE, () -> { closeFront(); closeBack(); return Behaviors.same(); })
                .build();
    }

    private Behavior<Command> onFront(SocketEvent event) {
        if (event instanceof SocketEvent.Data e) {
            if (back != null) back.tell(new Endpoint.Write(e.bytes(), null));
            else early.writeBytes(e.bytes());
        } else if (event instanceof SocketEvent.Eof) {
            closeBack();
        } else if (event instanceof SocketEvent.Reset) {
            frontClosed = true;
            abortBack();
        } else if (event instanceof SocketEvent.Closed) {
            frontGone = true;
        }
        return ended();
    }

    private Behavior<Command> onBack(SocketEvent event) {
        if (event instanceof SocketEvent.Data e) {
            if (!frontClosed) front.tell(new Endpoint.Write(e.bytes(), null));
        } else if (event instanceof SocketEvent.Connected e) {
            back = e.socket();
            if (early.size() > 0) back.tell(new Endpoint.Write(early.toByteArray(), null));
            early.reset();
            if (abortBackWhenUp) abortBack();
            else if (closeBackWhenUp) closeBack();
        } else if (event instanceof SocketEvent.Eof) {
            closeFront();
        } else if (event instanceof SocketEvent.Reset) {
            backClosed = true;
            abortFront();
        } else if (event instanceof SocketEvent.Failed e) {
            if (e.socket() == null || back == null) {
                backGone = true;
                abortFront();
            }
        } else if (event instanceof SocketEvent.Closed) {
            backGone = true;
        }
        return ended();
    }

    private void closeBack() { endBack(false); }

    private void abortBack() { endBack(true); }

    /** Closes (FIN) or aborts (RST) the back-end leg, once it is up. */
    private void endBack(boolean abort) {
        if (back == null) {
            if (abort) abortBackWhenUp = true;
            else closeBackWhenUp = true;
        } else if (!backClosed) {
            backClosed = true;
            back.tell(abort ? new Endpoint.Abort(null) : new Endpoint.Close(null));
        }
    }

    private void closeFront() { endFront(false); }

    private void abortFront() { endFront(true); }

    private void endFront(boolean abort) {
        if (frontClosed) return;
        frontClosed = true;
        front.tell(abort ? new Endpoint.Abort(null) : new Endpoint.Close(null));
    }

    /** Both legs gone: the proxy forgets the connection, and this actor stops. */
    private Behavior<Command> ended() {
        if (!frontGone || !backGone) return Behaviors.same();
        proxy.tell(new Ended(front, backendIndex));
        return Behaviors.stopped();
    }
}
