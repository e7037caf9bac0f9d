package io.tcpemu.report;

import io.tcpemu.tcp.Seq;

import java.util.ArrayList;
import java.util.List;

/**
 * Relative sequence numbers for a ladder when one 4-tuple has had several incarnations (RFC 793
 * figure 10, a connection reopened after TIME-WAIT, an old duplicate SYN). Each side's ISNs are
 * the sequence numbers of the SYNs it sent (or its first sequence number if it sent no SYN); a
 * number prints relative to the ISN, known by then, that lies closest at or below it, so an old
 * incarnation's RST or ACK still reads in its own numbers.
 */
final class SeqNumbering {
    /** A number further than this above every ISN belongs to none of them and prints raw. */
    private static final long HALF_SPACE = 1L << 31;

    private record Isn(long since, long value) {}

    private final List<Isn> left = new ArrayList<>();
    private final List<Isn> right = new ArrayList<>();

    /** Records an ISN of one side, valid from {@code since} (Long.MIN_VALUE: from the start). */
    void isn(boolean leftSide, long since, int seq) {
        Isn isn = new Isn(since, Seq.unsigned(seq));
        List<Isn> isns = leftSide ? left : right;
        if (isns.stream().noneMatch(i -> i.value() == isn.value())) isns.add(isn);
    }

    /** True once an ISN of {@code leftSide} is known. */
    boolean knows(boolean leftSide) { return !(leftSide ? left : right).isEmpty(); }

    /** {@code value}, a sequence number in {@code leftSide}'s space seen at {@code time}, relative to its incarnation. */
    long relative(boolean leftSide, long time, int value) {
        long raw = Seq.unsigned(value);
        long isn = isnOf(leftSide, time, value);
        return isn < 0 ? raw : (raw - isn) & 0xFFFF_FFFFL;
    }

    /** The ISN {@link #relative} numbers {@code value} from, telling incarnations apart; -1 for none. */
    long isnOf(boolean leftSide, long time, int value) {
        long raw = Seq.unsigned(value);
        long best = -1;
        long isnOfBest = -1;
        for (Isn isn : leftSide ? left : right) {
            if (isn.since() > time) continue;
            long offset = (raw - isn.value()) & 0xFFFF_FFFFL;
            if (offset < HALF_SPACE && (best < 0 || offset < best)) {
                best = offset;
                isnOfBest = isn.value();
            }
        }
        return isnOfBest;
    }
}
