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

    public RuntimeEnv(Directory directory, TraceBus trace, EmuTime time) {
        this.directory = directory;
        this.trace = trace;
        this.time = time;
    }

    public Directory directory() { return directory; }
    public TraceBus trace() { return trace; }
    public EmuTime time() { return time; }

    /** The live counters of the named host (created when the host starts), or null. */
    public HostCounters counters(String hostName) { return counters.get(hostName); }

    HostCounters registerCounters(String hostName) {
        return counters.computeIfAbsent(hostName, n -> new HostCounters());
    }
}
