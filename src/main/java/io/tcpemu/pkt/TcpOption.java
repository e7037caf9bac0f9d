package io.tcpemu.pkt;

import java.util.List;
import java.util.stream.Collectors;

/** One TCP option in a packet line's {@code <...>} list, printed as packetdrill writes it. */
public sealed interface TcpOption {
    record Nop() implements TcpOption {
        @Override public String toString() { return "nop"; }
    }

    record Eol() implements TcpOption {
        @Override public String toString() { return "eol"; }
    }

    record Mss(int bytes) implements TcpOption {
        @Override public String toString() { return "mss " + bytes; }
    }

    record WindowScale(int shift) implements TcpOption {
        @Override public String toString() { return "wscale " + shift; }
    }

    record SackPermitted() implements TcpOption {
        @Override public String toString() { return "sackOK"; }
    }

    /** SACK blocks, each {@code left:right} (relative sequence numbers). */
    record Sack(List<long[]> blocks) implements TcpOption {
        @Override public String toString() {
            return "sack " + blocks.stream().map(b -> b[0] + ":" + b[1]).collect(Collectors.joining(" "));
        }

        @Override public boolean equals(Object o) { return o instanceof Sack s && toString().equals(s.toString()); }
        @Override public int hashCode() { return toString().hashCode(); }
    }

    record Timestamp(long val, long ecr) implements TcpOption {
        @Override public String toString() { return "TS val " + val + " ecr " + ecr; }
    }
}
