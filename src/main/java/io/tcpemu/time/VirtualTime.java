package io.tcpemu.time;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Virtual time: build the actor system with {@link #config(long)} and drive it with the
 * {@link VirtualClock} from {@link #of}. All actor work then runs on one thread, the clock jumps
 * from timer to timer, and a seeded run is reproducible.
 */
public final class VirtualTime {
    /** Where the run's seed lives in the config, in both time modes. */
    public static final String SEED_KEY = "tcpemu.time.seed";

    private static final String EXECUTOR = '"' + VirtualExecutorConfigurator.class.getName() + '"';

    private VirtualTime() {}

    private static final String DDATA_MESSAGE = "org.apache.pekko.cluster.ddata.Replicator$ReplicatorMessage";
    private static final boolean DDATA_PRESENT = present(DDATA_MESSAGE);

    private static boolean present(String className) {
        try {
            Class.forName(className, false, VirtualTime.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The overlay for a virtual-time system with seed 0. */
    public static Config config() { return config(0); }

    /**
     * The overlay for {@code ActorSystem.create(...)} / {@code ActorTestKit.create(...)}: the
     * virtual scheduler, and every dispatcher Pekko and Pekko Streams use on the virtual-time
     * thread. Dispatchers you define inherit it from the default dispatcher unless they set their
     * own {@code executor}. Add {@code .withFallback(ConfigFactory.load())} to keep application.conf.
     */
    public static Config config(long seed) {
        // Distributed Data's serializer (on the classpath for tcpemu node) would start a timer of its own;
        // the cluster is an optional dependency, so bind it only where its class is there (a testkit user has none)
        String ddata = DDATA_PRESENT ? String.join("\n",
                "pekko.actor.serializers.pekko-data-replication = \"" + LocalOnlySerializer.class.getName() + '"',
                "pekko.actor.serialization-bindings { \"" + DDATA_MESSAGE + "\" = bytes }") : "";
        return ConfigFactory.parseString(String.join("\n",
                "pekko.scheduler.implementation = \"" + VirtualScheduler.class.getName() + '"',
                "pekko.actor.default-dispatcher.executor = " + EXECUTOR,
                "pekko.actor.internal-dispatcher.executor = " + EXECUTOR,
                "pekko.actor.default-blocking-io-dispatcher.executor = " + EXECUTOR,
                "pekko.io.pinned-dispatcher { type = Dispatcher, executor = " + EXECUTOR + " }",
                ddata,
                SEED_KEY + " = " + seed));
    }

    /** The clock of a system built with {@link #config}. */
    public static VirtualClock of(ActorSystem<?> system) {
        return of(system.classicSystem());
    }

    public static VirtualClock of(org.apache.pekko.actor.ActorSystem system) {
        if (system.scheduler() instanceof VirtualScheduler scheduler) return scheduler.clock();
        throw new IllegalArgumentException("actor system '" + system.name() + "' runs in real time"
                + " (its scheduler is " + system.scheduler().getClass().getName()
                + "); create it with io.tcpemu.time.VirtualTime.config() to drive its clock");
    }

    public static boolean isVirtual(ActorSystem<?> system) {
        return system.classicSystem().scheduler() instanceof VirtualScheduler;
    }

    /** The run's seed from the system's config; 0 if none was given. */
    public static long seed(ActorSystem<?> system) {
        Config config = system.settings().config();
        return config.hasPath(SEED_KEY) ? config.getLong(SEED_KEY) : 0;
    }
}
