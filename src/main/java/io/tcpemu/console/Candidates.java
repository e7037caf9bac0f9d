package io.tcpemu.console;

import io.tcpemu.tcp.State;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Completion candidates picocli offers at the console's tab key. Host names and connection ids
 * change while the session runs, so they are read from the current session when asked.
 */
final class Candidates {
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
}
