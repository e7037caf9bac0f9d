package io.tcpemu.console;

import io.tcpemu.tcp.State;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Completion candidates picocli offers at the console's tab key. Host names and connection ids
 * change while the session runs, so they are read from the current session when asked.
 */
public final class Candidates {
    private Candidates() {}

    /** The session whose names completion offers (the console sets it; one console per JVM). */
    static volatile Session current;

    static final class Hosts implements Iterable<String> {
        @Override public Iterator<String> iterator() {
            Session s = current;
            return (s == null ? List.<String>of() : s.emulation().hostNames()).iterator();
        }
    }

    static final class Conns implements Iterable<String> {
        @Override public Iterator<String> iterator() {
            Session s = current;
            return (s == null ? List.<String>of() : s.connIds()).iterator();
        }
    }

    static final class Links implements Iterable<String> {
        @Override public Iterator<String> iterator() {
            Session s = current;
            return (s == null ? List.<String>of() : List.copyOf(s.emulation().links().keySet())).iterator();
        }
    }

    static final class States implements Iterable<String> {
        @Override public Iterator<String> iterator() {
            List<String> names = new ArrayList<>();
            for (State st : State.values()) names.add(st.toString());
            return names.iterator();
        }
    }

    /** Durations to start from; every unit is accepted (h, m, s, ms, us). */
    static final class Durations implements Iterable<String> {
        static final List<String> VALUES = List.of("1ms", "5ms", "10ms", "100ms", "500ms", "1s", "5s", "10s", "30s", "1m", "2m", "1h");

        @Override public Iterator<String> iterator() { return VALUES.iterator(); }
    }

    /** HOST:PORT for every host, port 80 to start from. */
    static final class HostPorts implements Iterable<String> {
        @Override public Iterator<String> iterator() {
            List<String> out = new ArrayList<>();
            for (String h : new Hosts()) out.add(h + ":80");
            return out.iterator();
        }
    }

    /** Segment flags in tcpdump letters. */
    static final class Flags implements Iterable<String> {
        @Override public Iterator<String> iterator() { return List.of("S", "S.", ".", "P.", "F.", "R", "R.").iterator(); }
    }

    static final class CloseModes implements Iterable<String> {
        @Override public Iterator<String> iterator() { return List.of("client-first", "server-first", "simultaneous", "abort").iterator(); }
    }

    static final class Processes implements Iterable<String> {
        @Override public Iterator<String> iterator() { return List.of("constant", "poisson").iterator(); }
    }

    static List<String> list(Iterable<String> values) {
        List<String> out = new ArrayList<>();
        values.forEach(out::add);
        return out;
    }

    /**
     * A command whose positional words form a small grammar ('run until c1 is TIME-WAIT', 'rule
     * add drop 2nd syn from a'): it says what may come after the words typed so far.
     */
    public interface Grammar {
        List<String> next(List<String> before);
    }
}
