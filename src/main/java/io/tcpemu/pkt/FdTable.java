package io.tcpemu.pkt;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** The script's file descriptors: lowest free number first (from 3, as after stdin/out/err), with their flags. */
final class FdTable {
    /** What the runner remembers of one socket to answer getsockopt and fcntl itself. */
    static final class Socket {
        boolean nonBlocking;
        boolean reuseAddr;
        Linger linger;
    }

    private final TreeSet<Integer> free = new TreeSet<>();
    private final Map<Integer, Socket> open = new HashMap<>();
    private int next = 3;

    int open() {
        int fd = free.isEmpty() ? next++ : free.pollFirst();
        open.put(fd, new Socket());
        return fd;
    }

    void close(int fd) {
        if (open.remove(fd) != null) free.add(fd);
    }

    /** The socket, or null if {@code fd} is not open (EBADF). */
    Socket get(int fd) { return open.get(fd); }
}
