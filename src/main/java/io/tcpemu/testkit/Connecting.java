package io.tcpemu.testkit;

import io.tcpemu.runtime.ConnectedSocket;
import io.tcpemu.runtime.Errno;
import io.tcpemu.runtime.ErrnoException;

import java.util.concurrent.CompletableFuture;

/** A connect started by {@link Scenario#connectAsync} whose outcome the test collects later. */
public final class Connecting {
    private final Scenario scenario;
    private final String call;
    private final CompletableFuture<ConnectedSocket> result;

    Connecting(Scenario scenario, String call, CompletableFuture<ConnectedSocket> result) {
        this.scenario = scenario;
        this.call = call;
        this.result = result;
    }

    /** Whether the connect has finished, either way, without letting time pass. */
    public boolean isDone() {
        scenario.settle();
        return result.isDone();
    }

    /**
     * Lets time pass until the handshake completes and returns the connected end; fails with
     * an {@code ErrnoException} if the connect failed.
     */
    public Conn await() {
        return Conn.of(scenario, scenario.await(result, Scenario.DEFAULT_WAIT, call, scenario.connections()));
    }

    /** Lets time pass until the connect ends; the errno it failed with, or null if it connected. */
    public Errno errno() {
        try {
            await();
            return null;
        } catch (ErrnoException e) {
            return e.errno();
        }
    }

    /** "a connect b:80". */
    @Override public String toString() { return call; }
}
