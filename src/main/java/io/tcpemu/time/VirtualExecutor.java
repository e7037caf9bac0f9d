package io.tcpemu.time;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A dispatcher's view of the one virtual-time thread. Each Pekko dispatcher gets its own instance,
 * all feeding the same {@link VirtualLoop}; shutting one down (Pekko does when a dispatcher idles)
 * leaves the loop running for the others.
 */
final class VirtualExecutor extends AbstractExecutorService {
    private final VirtualLoop loop;
    private volatile boolean shutdown;

    VirtualExecutor(VirtualLoop loop) { this.loop = loop; }

    @Override public void execute(Runnable command) { loop.submit(command); }

    @Override public void shutdown() { shutdown = true; }

    @Override public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override public boolean isShutdown() { return shutdown; }

    @Override public boolean isTerminated() { return shutdown; }

    @Override public boolean awaitTermination(long timeout, TimeUnit unit) { return shutdown; }
}
