package io.tcpemu.metrics;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.HostEvent;
import io.tcpemu.trace.TraceEvent.NoticeEvent;
import io.tcpemu.trace.TraceEvent.SegmentEvent;
import io.tcpemu.trace.TraceEvent.SocketCall;
import io.tcpemu.trace.TraceEvent.StateChanged;
import io.tcpemu.trace.TraceSink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds {@link Metrics} from the trace as it happens. Cheap per event: counters in a long array,
 * state counts in int arrays, per-connection start times in a primitive map. Not thread-safe: a
 * trace sink is called on the emulation's thread. Call {@link #finish(long)} once at the end.
 *
 * <p>CLOSED → LISTEN is counted once per successful listen() call, the listener's passive OPEN, as
 * {@link Counter#LISTENS} counts it. The runtime traces a listener by its call alone, and makes each
 * child from a SYN by a CLOSED → LISTEN of its own before that SYN takes it to SYN-RECEIVED: that
 * step is the listener's LISTEN lent to the child, not a listen, so the child counts from LISTEN →
 * SYN-RECEIVED (RFC 9293's "rcv SYN" out of the listener's LISTEN).
 */
public final class MetricsCollector implements TraceSink {
    private static final int STATES = State.values().length;
    /** HostEvent kind by which hosts report bytes of an older incarnation accepted as new data. */
    public static final String STALE_DATA = "stale-data";

    /**
     * At most this many samples per host (a run's whole length at the configured interval would
     * otherwise grow without bound: 1 µs over a minute, or 100 ms over 30 days): when the samples
     * reach it, every second one is dropped and the interval doubles, so the series always spans
     * the whole run in a bounded heap, {@code HostSeries.STRIDE} ints a sample.
     */
    public static final int MAX_SAMPLES = 100_000;
    /** And at most this many ints of samples over all hosts (a scenario with many hosts samples more coarsely). */
    static final long MAX_SAMPLE_INTS = 8L << 20;

    private final long configuredInterval;
    private long interval;
    private final long[] counters = new long[Counter.values().length];
    private final long[][] transitions = new long[STATES][STATES];
    private final Map<String, HostTrack> hosts = new HashMap<>();
    private final Map<String, long[]> hostEvents = new TreeMap<>();
    /** Per connection: when it left CLOSED/LISTEN; the low bit says it was an active open. */
    private final LongLongMap opened = new LongLongMap();
    /** Per active open: when it entered SYN-SENT, until it is established. */
    private final LongLongMap connecting = new LongLongMap();
    private final LongList handshakes = new LongList();
    private final LongList lifetimes = new LongList();
    /** Hosts whose counts changed at the current instant, to fold into their maxima when time moves on. */
    private final List<HostTrack> changed = new ArrayList<>();
    private HostTrack lastHost;
    private long nextSample;
    private int samples;
    private int timeWaitTotal;
    /** Emulated time of the events being taken in; counts are settled (maxima taken) when it moves on. */
    private long now;

    /** The row each host's counts go to: its own name, or its group's (the hosts of one {@code count}). */
    private final java.util.function.UnaryOperator<String> rowOf;
    /** Each host's number, so that the ports of a group's hosts are told apart. */
    private final Map<String, Integer> hostIndex = new HashMap<>();
    private String lastIndexed;
    private int lastIndex;

    /** @param sampleInterval how often the state counts are sampled, emulated microseconds (> 0) */
    public MetricsCollector(long sampleInterval) { this(sampleInterval, java.util.function.UnaryOperator.identity()); }

    /**
     * @param sampleInterval how often the state counts are sampled, emulated microseconds (> 0)
     * @param rowOf          the row a host is counted in: hosts given one row are summed there, as one host
     *                       (most at once, means and ports over all of them)
     */
    public MetricsCollector(long sampleInterval, java.util.function.UnaryOperator<String> rowOf) {
        if (sampleInterval <= 0) throw new IllegalArgumentException("sample interval must be positive: " + sampleInterval);
        this.interval = sampleInterval;
        this.configuredInterval = sampleInterval;
        this.rowOf = rowOf;
    }

    /** The interval the samples were taken at: the configured one, or a multiple of it if the run was too long for it. */
    public long sampleInterval() { return interval; }

    /** True if the samples were coarsened to fit ({@link #MAX_SAMPLES}). */
    public boolean coarsened() { return interval != configuredInterval; }

    @Override public void accept(TraceEvent event) {
        if (event.time() > now) {
            settle();
            now = event.time();
            sampleUpTo(now);
        }
        if (event instanceof SegmentEvent e) onSegment(e);
        else if (event instanceof StateChanged e) onStateChanged(e);
        else if (event instanceof NoticeEvent e) onNotice(e);
        else if (event instanceof SocketCall e) onSocketCall(e);
        else if (event instanceof HostEvent e) onHostEvent(e);
    }

    /**
     * Takes the last samples up to {@code endTime}, and one at {@code endTime} itself if it falls
     * between two, and returns what was measured. The run ends no earlier than its last event.
     */
    public Metrics finish(long endTime) {
        settle();
        endTime = Math.max(endTime, now);
        while (nextSample <= endTime) takeSample();
        if (nextSample - interval < endTime) {   // one more at endTime itself (HostSeries.time(k) puts it there)
            if (samples >= sampleLimit()) {
                coarsen();
                while (nextSample <= endTime) takeSample();
            }
            if (nextSample - interval < endTime) sample();
        }
        Map<String, HostSeries> series = new TreeMap<>();
        long connecting = 0;
        for (HostTrack h : hosts.values()) {
            series.put(h.name, h.series(interval, endTime, samples));
            connecting += h.inState[State.SYN_SENT.ordinal()];
        }
        counters[Counter.CONNECTING_AT_END.ordinal()] = connecting;
        Map<String, Long> events = new TreeMap<>();
        hostEvents.forEach((kind, n) -> events.put(kind, n[0]));
        long[][] t = new long[STATES][];
        for (int i = 0; i < STATES; i++) t[i] = transitions[i].clone();
        return new Metrics(endTime, counters.clone(), series, t,
                Percentiles.of(handshakes), Percentiles.of(lifetimes), events, 0, endTime);
    }

    /** The counts of the instant that just ended are held until the next event: take their maxima. */
    private void settle() {
        for (HostTrack h : changed) h.settle();
        changed.clear();
        if (timeWaitTotal > counters[Counter.MAX_TIME_WAIT.ordinal()]) counters[Counter.MAX_TIME_WAIT.ordinal()] = timeWaitTotal;
    }

    private void sampleUpTo(long time) {
        while (nextSample < time) takeSample();
    }

    /** The sample due at nextSample, or, when there is no room for it, coarser samples (so callers look at nextSample again). */
    private void takeSample() {
        if (samples >= sampleLimit()) coarsen();
        else sample();
    }

    private void sample() {
        for (HostTrack h : hosts.values()) h.sample(samples);
        samples++;
        nextSample += interval;
    }

    /** Even, so halving keeps the next sample's time where it was. */
    private int sampleLimit() {
        long perHost = MAX_SAMPLE_INTS / ((long) HostSeries.STRIDE * Math.max(1, hosts.size()));
        return (int) Math.max(1024, Math.min(MAX_SAMPLES, perHost)) & ~1;
    }

    /** Keeps every second sample (those at multiples of the doubled interval) and doubles the interval. */
    private void coarsen() {
        int kept = (samples + 1) / 2;
        for (HostTrack h : hosts.values()) h.keepEverySecond(samples);
        samples = kept;
        interval = io.tcpemu.tcp.TimeHorizon.plus(interval, interval);
        nextSample = (long) samples * interval;
    }

    private void onSegment(SegmentEvent e) {
        switch (e.action()) {
            case SENT -> {
                counters[Counter.SEGMENTS_SENT.ordinal()]++;
                counters[Counter.BYTES_SENT.ordinal()] += e.segment().length();
                if (e.retransmission()) counters[Counter.RETRANSMISSIONS.ordinal()]++;
                if (Flags.has(e.segment().flags(), Flags.RST)) counters[Counter.RSTS_SENT.ordinal()]++;
            }
            case DELIVERED -> counters[Counter.SEGMENTS_DELIVERED.ordinal()]++;
            case DROPPED -> counters[Counter.SEGMENTS_DROPPED.ordinal()]++;
            case DUPLICATED -> counters[Counter.SEGMENTS_DUPLICATED.ordinal()]++;
        }
    }

    private void onStateChanged(StateChanged e) {
        State from = e.from(), to = e.to();
        if (from != State.CLOSED || to != State.LISTEN) transitions[from.ordinal()][to.ordinal()]++;
        HostTrack host = host(rowOf.apply(e.host()));
        host.leave(from);
        host.enter(to);
        if (!host.changed) {
            host.changed = true;
            changed.add(host);
        }
        if (from == State.TIME_WAIT) timeWaitTotal--;
        if (to == State.TIME_WAIT) timeWaitTotal++;
        long key = host.key(e.connId(), index(e.host()));
        boolean wasIdle = from == State.CLOSED || from == State.LISTEN;
        if (from == State.CLOSED && to == State.SYN_SENT) {
            opened.put(key, e.time() << 1 | 1);
            connecting.put(key, e.time());
            host.takePort(e, index(e.host()));
        } else if (wasIdle && to != State.CLOSED && to != State.LISTEN) {
            // a passive open: by a SYN (SYN-RECEIVED) or, with a two-way handshake, straight to ESTABLISHED
            if (opened.get(key) == LongLongMap.ABSENT) opened.put(key, e.time() << 1);
        }
        if (to == State.ESTABLISHED || to == State.CLOSE_WAIT) {
            long start = connecting.remove(key);
            if (start != LongLongMap.ABSENT) {
                handshakes.add(e.time() - start);
                counters[Counter.ESTABLISHED.ordinal()]++;
            }
        } else if (to == State.CLOSED) {
            connecting.remove(key);
            long start = opened.remove(key);
            if (start != LongLongMap.ABSENT) {
                lifetimes.add(e.time() - (start >> 1));
                if ((start & 1) == 1) host.releasePort(e, index(e.host()));
            }
        }
    }

    private void onNotice(NoticeEvent e) {
        switch (e.notice()) {
            case REFUSED -> counters[Counter.REFUSED.ordinal()]++;
            case TIMED_OUT -> counters[Counter.TIMED_OUT.ordinal()]++;
            case RESET, RESET_AFTER_PEER_FIN -> counters[Counter.RESET.ordinal()]++;
            default -> { }
        }
    }

    private void onSocketCall(SocketCall e) {
        if (e.call().startsWith("listen") && e.result().equals("ok")) {
            counters[Counter.LISTENS.ordinal()]++;
            transitions[State.CLOSED.ordinal()][State.LISTEN.ordinal()]++;
        }
        if (!e.call().startsWith("connect")) return;
        counters[Counter.CONNECT_ATTEMPTS.ordinal()]++;
        if (e.result().startsWith("EADDRNOTAVAIL")) counters[Counter.ADDR_NOT_AVAIL.ordinal()]++;
    }

    private void onHostEvent(HostEvent e) {
        hostEvents.computeIfAbsent(e.kind(), k -> new long[1])[0]++;
        if (e.kind().equals(STALE_DATA)) {
            counters[Counter.STALE_SEGMENTS.ordinal()]++;
            counters[Counter.STALE_BYTES.ordinal()] += StaleData.bytes(e.detail());
        }
    }

    private int index(String host) {
        if (host.equals(lastIndexed)) return lastIndex;
        Integer k = hostIndex.get(host);
        if (k == null) {
            k = hostIndex.size();
            hostIndex.put(host, k);
        }
        lastIndexed = host;
        lastIndex = k;
        return k;
    }

    private HostTrack host(String name) {
        HostTrack h = lastHost;
        if (h != null && h.name.equals(name)) return h;
        h = hosts.get(name);
        if (h == null) {
            h = new HostTrack(name, samples);
            hosts.put(name, h);
        }
        lastHost = h;
        return h;
    }

    /** One host's live counts and its samples so far. */
    private static final class HostTrack {
        final String name;
        final int[] inState = new int[STATES];
        int ports;
        /** Connections holding each local port, by host number and port (a group's hosts share one track). */
        final LongLongMap portHolders = new LongLongMap();
        int[] data;
        /** The most held at once, per state and then ports (as in a sample). */
        final int[] maxima = new int[HostSeries.STRIDE];
        /** Counts changed at the current instant. */
        boolean changed;

        HostTrack(String name, int samplesSoFar) {
            this.name = name;
            // samples taken before this host appeared are zeros
            this.data = new int[Math.max(64, (samplesSoFar + 16) * HostSeries.STRIDE)];
        }

        /** A connection's key over all hosts: its host's number, then its id on that host. */
        long key(long connId, int host) { return (long) host << 44 ^ (connId & 0xFFF_FFFF_FFFFL); }

        /**
         * Ports, not connections: a local port towards two destinations is one port in use (as
         * the kernel counts its range), so the count never exceeds the range.
         */
        void takePort(StateChanged e, int host) {
            if (e.tuple() == null) return;
            long k = (long) host << 16 | e.tuple().local().port();
            long n = portHolders.get(k);
            if (n == LongLongMap.ABSENT || n == 0) {
                ports++;
                n = 0;
            }
            portHolders.put(k, n + 1);
        }

        void releasePort(StateChanged e, int host) {
            if (e.tuple() == null) return;
            long k = (long) host << 16 | e.tuple().local().port();
            long n = portHolders.get(k);
            if (n == LongLongMap.ABSENT) return;
            if (n == 1) {
                portHolders.remove(k);
                ports--;
            } else {
                portHolders.put(k, n - 1);
            }
        }

        void leave(State s) { if (s != State.CLOSED) inState[s.ordinal()]--; }

        void enter(State s) { if (s != State.CLOSED) inState[s.ordinal()]++; }

        void sample(int k) {
            int at = k * HostSeries.STRIDE;
            if (at + HostSeries.STRIDE > data.length) data = Arrays.copyOf(data, Math.max(data.length * 2, at + HostSeries.STRIDE));
            System.arraycopy(inState, 0, data, at, STATES);
            data[at + STATES] = ports;
        }

        /** Sample 2k becomes sample k, for the {@code samples} taken so far. */
        void keepEverySecond(int samples) {
            for (int k = 0; 2 * k < samples; k++) {
                System.arraycopy(data, 2 * k * HostSeries.STRIDE, data, k * HostSeries.STRIDE, HostSeries.STRIDE);
            }
        }

        void settle() {
            changed = false;
            for (int i = 0; i < STATES; i++) if (inState[i] > maxima[i]) maxima[i] = inState[i];
            if (ports > maxima[STATES]) maxima[STATES] = ports;
        }

        HostSeries series(long interval, long endTime, int samples) {
            return new HostSeries(name, interval, endTime, samples, Arrays.copyOf(data, samples * HostSeries.STRIDE), maxima.clone());
        }
    }
}
