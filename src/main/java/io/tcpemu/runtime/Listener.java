package io.tcpemu.runtime;

import io.tcpemu.tcp.FourTuple;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * A listening socket inside a host: its half-open children (SYN-RECEIVED), the accept queue of
 * established children nobody has accepted yet, and accept calls waiting for one. As in Linux,
 * {@code backlog} bounds both queues; a SYN that finds either full is dropped.
 */
final class Listener {
    final int port;
    final int backlog;
    final boolean reuseAddr;
    final ActorRef<SocketEvent> owner;
    final SocketEvent.Delivery delivery;
    /** SO_RCVBUF for the connections it opens, bytes; 0: the host's receive space. */
    int receiveBuffer;
    final Set<FourTuple> halfOpen = new HashSet<>();
    final ArrayDeque<SocketRef> acceptQueue = new ArrayDeque<>();
    final ArrayDeque<ActorRef<SocketEvent>> waiting = new ArrayDeque<>();

    Listener(int port, int backlog, boolean reuseAddr, ActorRef<SocketEvent> owner, SocketEvent.Delivery delivery) {
        this.port = port;
        this.backlog = backlog;
        this.reuseAddr = reuseAddr;
        this.owner = owner;
        this.delivery = delivery;
    }

    /** True when a new SYN must be dropped (Linux: the SYN queue or the accept queue is full). */
    boolean full() {
        int room = Math.max(backlog, 1); // listen(fd, 0) still admits one, as on Linux
        return halfOpen.size() >= room || acceptQueue.size() >= room;
    }

    /**
     * A child finished its handshake: hand it to the owner, a waiting accept, or the queue.
     *
     * @param toChild how the host tells the child its new owner: after the child's own step
     */
    void established(SocketRef child, java.util.function.BiConsumer<SocketRef, Endpoint.Command> toChild) {
        halfOpen.remove(child.tuple());
        if (delivery == SocketEvent.Delivery.PUSH && owner != null) {
            toChild.accept(child, new Endpoint.SetOwner(owner, SocketEvent.Delivery.PUSH));
            owner.tell(new SocketEvent.Accepted(child, port));
        } else if (!waiting.isEmpty()) {
            waiting.pollFirst().tell(new SocketEvent.Accepted(child, port));
        } else {
            acceptQueue.addLast(child);
        }
    }

    /** Answers at once from the accept queue, or returns true: the caller now waits for a connection. */
    boolean accept(ActorRef<SocketEvent> replyTo) {
        if (acceptQueue.isEmpty()) {
            waiting.addLast(replyTo);
            return true;
        }
        replyTo.tell(new SocketEvent.Accepted(acceptQueue.pollFirst(), port));
        return false;
    }

    /** A child ended; returns true if it was still half-open or waiting to be accepted. */
    boolean forget(FourTuple tuple) {
        return halfOpen.remove(tuple) || acceptQueue.removeIf(s -> s.tuple().equals(tuple));
    }
}
