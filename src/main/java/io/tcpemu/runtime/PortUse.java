package io.tcpemu.runtime;

/** How many sockets (connections, listeners, TIME-WAIT entries) hold each local port of a host. */
final class PortUse {
    private final int[] holders = new int[65536];
    private int portsInUse;

    void take(int port) {
        if (holders[port]++ == 0) portsInUse++;
    }

    void release(int port) {
        if (--holders[port] == 0) portsInUse--;
    }

    boolean taken(int port) { return holders[port] > 0; }

    int portsInUse() { return portsInUse; }
}
