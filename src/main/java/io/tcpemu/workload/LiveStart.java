package io.tcpemu.workload;

import io.tcpemu.emulation.PartitionOrder;
import io.tcpemu.runtime.RuntimeEnv;
import io.tcpemu.runtime.Spawner;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The drivers of one partition for a workload started while the emulation runs: a
 * {@link DriverStart} reaches the partition at a barrier, and a starter spawned there then starts
 * the drivers at the order's instant, on the partition's clock, the same whether the partition
 * runs in the supervisor's JVM or on another node. A stop ({@link DriverStop}) may arrive before
 * that instant (a start and a stop at once): the starter keeps it for the drivers it starts.
 */
final class LiveStart {
    private LiveStart() {}

    /** Where a workload started while running reaches partition {@code partition}'s drivers. */
    static String receiver(int partition) { return Workload.DRIVER_PREFIX + "start-" + partition; }

    /** What the drivers of one partition are started by, and who hears their stop. */
    interface Spawn {
        /** Spawns the drivers and answers its client drivers, by driver name. */
        Map<String, ActorRef<ClientDriver.Command>> drivers();
    }

    sealed interface Command {}

    private enum Go implements Command { INSTANCE }

    /** The workload's stop for client driver {@code driver}, at emulated µs {@code at}. */
    private record StopAt(String driver, long at) implements Command {}

    /**
     * On delivery of {@code order} (the partition held): spawns a starter on {@code system} that
     * starts the drivers at the order's instant, and hands each client's stop to it.
     *
     * @param receiveStop takes the receiver of a client driver's stop and where its stops go
     */
    static void deliver(DriverStart order, ActorSystem<Void> system, RuntimeEnv env, Iterable<String> clients, Spawn spawn,
                        java.util.function.BiConsumer<String, Consumer<PartitionOrder>> receiveStop) {
        ActorRef<Command> starter = Spawner.of(system).spawn(starter(order.at(), env, spawn),
                Workload.DRIVER_PREFIX + order.workload() + "-starter");
        for (String driver : clients) receiveStop.accept(Workload.receiver(order.workload(), driver), o -> starter.tell(new StopAt(driver, o.at())));
    }

    private static Behavior<Command> starter(long at, RuntimeEnv env, Spawn spawn) {
        return Behaviors.withTimers(timers -> {
            long now = env.time().now();
            if (at == Long.MAX_VALUE || at <= now) return started(spawn.drivers());
            Map<String, Long> stops = new HashMap<>();
            timers.startSingleTimer(Go.INSTANCE, env.time().delay(at - now));
            return Behaviors.receive(Command.class)
                    .onMessage(StopAt.class, s -> { stops.put(s.driver(), s.at()); return Behaviors.same(); })
                    .onMessageEquals(Go.INSTANCE, () -> {
                        Map<String, ActorRef<ClientDriver.Command>> drivers = spawn.drivers();
                        stops.forEach((d, t) -> tell(drivers, d, t));
                        return started(drivers);
                    })
                    .build();
        });
    }

    /** The drivers run: a stop goes on to its driver. */
    private static Behavior<Command> started(Map<String, ActorRef<ClientDriver.Command>> drivers) {
        return Behaviors.receive(Command.class)
                .onMessage(StopAt.class, s -> { tell(drivers, s.driver(), s.at()); return Behaviors.same(); })
                .onMessage(Command.class, m -> Behaviors.same())
                .build();
    }

    private static void tell(Map<String, ActorRef<ClientDriver.Command>> drivers, String driver, long at) {
        ActorRef<ClientDriver.Command> d = drivers.get(driver);
        if (d != null) d.tell(new ClientDriver.StopAt(at));
    }

    /** The client drivers of the hosts {@code systemOf} runs, by driver name ("client-a"). */
    static java.util.List<String> clientsOn(Function<String, ActorSystem<Void>> systemOf, WorkloadPlan plan) {
        return plan.clients().stream().filter(h -> systemOf.apply(h) != null).map(h -> "client-" + h).toList();
    }
}
