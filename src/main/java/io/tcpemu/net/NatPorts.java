package io.tcpemu.net;

import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.SplitMix;

import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * Picks a gateway's public port for a new connection, as netfilter's NAT does
 * (nf_nat_l4proto_unique_tuple). Pure: the caller says through a predicate whether a port gives
 * a free tuple towards the destination. A port is per destination: the same port may serve
 * connections to two different servers at once.
 */
public final class NatPorts {
    public enum Algorithm {
        /** Linux's default: keep the client's own port if it is in the range and free, else search from a keyed hash of the tuple. */
        HASH,
        /** {@code --random-fully}: start the search at a random port, never keep the client's. */
        RANDOM,
        /** The next port after the last one handed out. */
        SEQUENTIAL
    }

    private final int first;
    private final int count;
    private final Algorithm algorithm;
    private final SplittableRandom random;
    private final long secret;
    private int next;

    public NatPorts(int first, int last, Algorithm algorithm, long seed) {
        this.first = first;
        this.count = last - first + 1;
        this.algorithm = algorithm;
        this.random = new SplittableRandom(seed);
        this.secret = random.nextLong();
    }

    public int size() { return count; }

    /** A port for {@code src → dst} for which {@code free} holds, or -1 when every port is taken. */
    public int choose(SockAddr src, SockAddr dst, IntPredicate free) {
        if (algorithm == Algorithm.HASH && src.port() >= first && src.port() < first + count && free.test(src.port())) {
            return src.port();
        }
        int start = switch (algorithm) {
            case HASH -> Math.floorMod(hash(src, dst), count);
            case RANDOM -> random.nextInt(count);
            case SEQUENTIAL -> next;
        };
        for (int i = 0; i < count; i++) {
            int port = first + (start + i) % count;
            if (free.test(port)) {
                if (algorithm == Algorithm.SEQUENTIAL) next = (start + i + 1) % count;
                return port;
            }
        }
        return -1;
    }

    /** A keyed hash of the whole tuple, so connections from one client start their searches apart. */
    private int hash(SockAddr src, SockAddr dst) {
        long h = secret ^ (((long) src.ip() << 32) | (dst.ip() & 0xFFFF_FFFFL)) ^ ((long) dst.port() << 17) ^ ((long) src.port() << 40);
        return (int) (SplitMix.mix(h) >>> 33);
    }
}
