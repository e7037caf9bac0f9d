package io.tcpemu.runtime;

import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.SplitMix;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * Picks ephemeral ports for outgoing connections, by one of the RFC 6056 algorithms. Pure: the
 * caller says through a predicate whether a candidate port gives a free 4-tuple. Searches the
 * whole range before giving up, so -1 really means "no port left" (EADDRNOTAVAIL).
 */
public final class PortAllocator {
    /** Linux's default net.ipv4.ip_local_port_range. */
    public static final int DEFAULT_FIRST = 32768;
    public static final int DEFAULT_LAST = 60999;

    public enum Algorithm {
        /** The next port after the last one handed out (old BSD; easy to predict). */
        SEQUENTIAL,
        /** RFC 6056 Algorithm 1: start the search at a random port. */
        RANDOM,
        /** RFC 6056 Algorithm 3: a keyed hash of the destination picks the start, a counter moves it on. */
        HASH;

        /** "sequential", "random" or "hash", as written in config files. */
        public static Algorithm parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown port algorithm '" + text + "', expected sequential, random or hash");
            }
        }
    }

    private final int first;
    private final int count;
    private final Algorithm algorithm;
    private final SplittableRandom random;
    private final long secret;
    private int next;

    public PortAllocator(int first, int last, Algorithm algorithm, long seed) {
        if (first < 1 || last > 65535 || first > last)
            throw new IllegalArgumentException("ephemeral port range must satisfy 1 <= first <= last <= 65535, got " + first + "-" + last);
        this.first = first;
        this.count = last - first + 1;
        this.algorithm = algorithm;
        this.random = new SplittableRandom(seed);
        this.secret = random.nextLong();
    }

    public int first() { return first; }
    public int last() { return first + count - 1; }
    public int size() { return count; }
    public Algorithm algorithm() { return algorithm; }

    /** True if {@code port} lies in the ephemeral range. */
    public boolean contains(int port) { return port >= first && port < first + count; }

    /**
     * A port in the range for which {@code usable} holds, or -1 if none does.
     *
     * @param localIp the address the connection leaves from
     * @param remote  where it goes (the hash algorithm spreads destinations apart)
     */
    public int allocate(int localIp, SockAddr remote, IntPredicate usable) {
        int start = switch (algorithm) {
            case SEQUENTIAL -> next;
            case RANDOM -> random.nextInt(count);
            case HASH -> Math.floorMod(offset(localIp, remote) + next, count);
        };
        for (int i = 0; i < count; i++) {
            int port = first + (start + i) % count;
            if (usable.test(port)) {
                if (algorithm != Algorithm.RANDOM) next = (next + i + 1) % count;
                return port;
            }
        }
        return -1;
    }

    /** RFC 6056 §3.3.3's F(local, remote address, remote port, secret): a keyed 64-bit mix. */
    private int offset(int localIp, SockAddr remote) {
        long h = secret ^ (((long) localIp << 32) | (remote.ip() & 0xFFFF_FFFFL));
        h = SplitMix.mix(h) ^ remote.port();
        return (int) (SplitMix.mix(h) >>> 33);
    }
}
