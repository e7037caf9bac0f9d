package io.tcpemu.time;

import com.typesafe.config.Config;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.ConfigurationException;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;

/**
 * Plugged into a dispatcher with {@code executor = "io.tcpemu.time.VirtualExecutorConfigurator"}:
 * runs that dispatcher's work on the virtual-time thread. It finds the thread through the system's
 * scheduler, which must be the {@link VirtualScheduler}; {@link VirtualTime#config()} sets up both.
 */
public final class VirtualExecutorConfigurator extends ExecutorServiceConfigurator {
    private final VirtualLoop loop;

    public VirtualExecutorConfigurator(Config config, DispatcherPrerequisites prerequisites) {
        super(config, prerequisites);
        if (!(prerequisites.scheduler() instanceof VirtualScheduler scheduler)) {
            throw new ConfigurationException("executor = \"" + VirtualExecutorConfigurator.class.getName()
                    + "\" needs pekko.scheduler.implementation = \"" + VirtualScheduler.class.getName()
                    + "\", but the scheduler is " + prerequisites.scheduler().getClass().getName()
                    + "; build the config with io.tcpemu.time.VirtualTime.config()");
        }
        this.loop = scheduler.loop();
    }

    @Override
    public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
        return () -> new VirtualExecutor(loop);
    }
}
