package io.tcpemu.runtime;

import io.tcpemu.tcp.SockAddr;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.List;

/**
 * Connection churn driven from inside the emulation (no test thread in the loop, so a run is a
 * function of its seed): every {@code every} each client host opens a connection to the server,
 * writes a few bytes and closes (so the client ends in TIME-WAIT); the server closes on the FIN.
 */
final class ChurnWorkload {
    private ChurnWorkload() {}

    private enum Tick { INSTANCE }

    /** Starts the churn: a driver actor, one client owner, and a PUSH listener on {@code server}:port. */
    static void start(RuntimeFixture fx, String server, SockAddr serverAddr, List<String> clients, Duration every) {
        ActorRef<SocketEvent> serverOwner = fx.kit.spawn(server(), "churn-server");
        fx.directory.host(server).tell(new Host.Listen(serverAddr.port(), 1024, false, serverOwner, SocketEvent.Delivery.PUSH));
        ActorRef<SocketEvent> clientOwner = fx.kit.spawn(client(), "churn-client");
        fx.kit.spawn(Behaviors.<Tick>withTimers(timers -> {
            timers.startTimerAtFixedRate(Tick.INSTANCE, fx.env.time().delay(every.toNanos() / 1000));
            return Behaviors.receiveMessage(tick -> {
                for (String c : clients) {
                    fx.directory.host(c).tell(new Host.Connect(serverAddr, 0, clientOwner, SocketEvent.Delivery.PUSH));
                }
                return Behaviors.same();
            });
        }), "churn-driver");
    }

    /** Writes a request and closes at once: the active closer. */
    private static Behavior<SocketEvent> client() {
        return Behaviors.receive(SocketEvent.class)
                .onMessage(SocketEvent.Connected.class, e -> {
                    e.socket().tell(new Endpoint.Write(new byte[100], null));
                    e.socket().tell(new Endpoint.Close(null));
                    return Behaviors.same();
                })
                .onAnyMessage(e -> Behaviors.same())
                .build();
    }

    /** Closes when the client's FIN arrives: the passive closer. */
    private static Behavior<SocketEvent> server() {
        return Behaviors.receive(SocketEvent.class)
                .onMessage(SocketEvent.Eof.class, e -> {
                    e.socket().tell(new Endpoint.Close(null));
                    return Behaviors.same();
                })
                .onAnyMessage(e -> Behaviors.same())
                .build();
    }
}
