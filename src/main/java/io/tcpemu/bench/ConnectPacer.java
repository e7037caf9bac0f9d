package io.tcpemu.bench;

import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.SocketEvent;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.time.EmuTime;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.List;

/**
 * Opens {@code total} connections at {@code rate} per emulated second, spread round-robin over the
 * client hosts, by telling each host {@link Host.Connect} (no ask, no actor per connection).
 * It ticks every emulated millisecond and stops once every connection has been asked for.
 */
final class ConnectPacer {
    private ConnectPacer() {}

    enum Tick { INSTANCE }

    /** Connects are released once per emulated millisecond. */
    static final long TICK_MICROS = 1_000;

    record Plan(long total, double ratePerSecond, List<ActorRef<Host.Command>> clients, SockAddr server,
                ActorRef<SocketEvent> owner) {}

    static Behavior<Tick> create(Plan plan, LoadStats stats, EmuTime time) {
        return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> {
            long start = time.now();
            timers.startTimerAtFixedRate(Tick.INSTANCE, time.delay(TICK_MICROS));
            int[] next = {0};
            return Behaviors.receive(Tick.class).onMessage(Tick.class, tick -> {
                long due = Math.min(plan.total(), (long) (plan.ratePerSecond() * (time.now() - start + TICK_MICROS) / 1e6));
                while (stats.issued < due) {
                    ActorRef<Host.Command> host = plan.clients().get(next[0]);
                    next[0] = next[0] + 1 == plan.clients().size() ? 0 : next[0] + 1;
                    host.tell(new Host.Connect(plan.server(), 0, plan.owner(), SocketEvent.Delivery.PUSH));
                    stats.opened();
                }
                return stats.issued < plan.total() ? Behaviors.same() : Behaviors.stopped();
            }).build();
        }));
    }
}
