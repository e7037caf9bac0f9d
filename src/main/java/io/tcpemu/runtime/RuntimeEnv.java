package io.tcpemu.runtime;

import io.tcpemu.time.EmuTime;
import io.tcpemu.trace.TraceBus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every host and endpoint of one emulation shares: where to find hosts and links, where to
 * publish the trace, how to read emulated time, and each host's counters (read by metrics from
 * any thread).
 */
public final class RuntimeEnv {
    private final Directory directory;
    private final TraceBus trace;
    private final EmuTime time;
    private final Map<String, HostCounters> counters = new ConcurrentHashMap<>();
    /** Hears every host, router or link actor that fails (before it restarts); the emulation may end the run. */
    private volatile java.util.function.BiConsumer<String, RuntimeException> onFailure = (who, e) -> { };

    public RuntimeEnv(Directory directory, TraceBus trace, EmuTime time) {
        this.directory = directory;
        this.trace = trace;
        this.time = time;
    }

    public Directory directory() { return directory; }
    public TraceBus trace() { return trace; }
    public EmuTime time() { return time; }

    /** Who hears that a host, router or link actor failed ({@code who}: its name); over partitions, the run ends. */
    public void onFailure(java.util.function.BiConsumer<String, RuntimeException> hook) { onFailure = hook; }

    void failed(String who, RuntimeException e) { onFailure.accept(who, e); }

    /** The live counters of the named host (created when the host starts), or null. */
    public HostCounters counters(String hostName) { return counters.get(hostName); }

    HostCounters registerCounters(String hostName) {
        return counters.computeIfAbsent(hostName, n -> new HostCounters());
    }
}
