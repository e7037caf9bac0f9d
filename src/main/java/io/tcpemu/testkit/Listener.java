package io.tcpemu.testkit;

import io.tcpemu.runtime.ListeningSocket;

import java.util.List;

/** A listening socket in a {@link Scenario}: accept its connections, or close it. */
public final class Listener {
    private final Scenario scenario;
    private final ListeningSocket socket;

    Listener(Scenario scenario, ListeningSocket socket) {
        this.scenario = scenario;
        this.socket = socket;
    }

    /** The host it listens on. */
    public String host() { return socket.host(); }

    /** The port it listens on. */
    public int port() { return socket.port(); }

    /**
     * accept(2): the next established connection, letting time pass until one completes its
     * handshake; fails with the ladders if none does within {@link Scenario#DEFAULT_WAIT}.
     */
    public Conn accept() {
        return Conn.of(scenario, scenario.await(socket.accept(), Scenario.DEFAULT_WAIT, "accept on " + this,
                scenario.connections()));
    }

    /** close(2) on the listener: connections not yet accepted are reset. */
    public void close() {
        socket.close();
        scenario.settle();
    }

    /** "b:80 (listening)". */
    @Override public String toString() { return socket.toString(); }
}
