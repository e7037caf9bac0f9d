package io.tcpemu.runtime;

import io.tcpemu.runtime.fault.FaultAction;
import io.tcpemu.runtime.fault.RuleTable;
import io.tcpemu.tcp.TcpOptions;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * One step of a link's loss model, in the style of JGroups' fault protocols (DISCARD, DELAY,
 * DUPL, SHUFFLE): each layer looks at a {@link Transit} and may drop it, delay it or copy it.
 * {@link LinkModel} stacks them; the order is the order of the nested classes below.
 */
interface FaultLayer {
    void apply(Transit t);

    /** Targeted fault rules ("drop fin from b"): first, so they see every segment. */
    record Rules(RuleTable table) implements FaultLayer {
        @Override public void apply(Transit t) {
            for (RuleTable.Fired f : table.apply(t.segment, t.senderState, t.sender)) {
                String reason = "rule " + f.rule().text();
                FaultAction a = f.action();
                if (a instanceof FaultAction.Drop) t.drop(reason);
                else if (a instanceof FaultAction.Delay d) t.extraDelay += d.micros();
                else if (a instanceof FaultAction.Duplicate d) t.copy(d.micros(), reason);
            }
        }
    }

    /** DISCARD: random loss with probability {@code loss}. */
    record Discard(double loss, SplittableRandom rnd) implements FaultLayer {
        @Override public void apply(Transit t) {
            if (loss > 0 && rnd.nextDouble() < loss) t.drop("loss");
        }
    }

    /** Serialisation at {@code bandwidth} bytes/s behind a queue of at most {@code queueLimit} segments. */
    record Bandwidth(long bandwidth, int queueLimit, Wire wire) implements FaultLayer {
        @Override public void apply(Transit t) {
            if (bandwidth == 0) return;
            ArrayDeque<Long> queue = wire.serialisationEnds;
            while (!queue.isEmpty() && queue.peekFirst() <= t.now) queue.pollFirst();
            if (queueLimit > 0 && queue.size() >= queueLimit) {
                t.drop("queue full");
                return;
            }
            long start = Math.max(t.now, wire.busyUntil);
            long end = start + Math.max(1, wireBytes(t) * 1_000_000L / bandwidth);
            wire.busyUntil = end;
            queue.addLast(end);
            t.deliverAt = end;
        }

        /** IPv4 and TCP headers, the options the segment carries, and its payload. */
        private static long wireBytes(Transit t) {
            return 40L + TcpOptions.length(t.segment) + t.segment.length();
        }
    }

    /** DELAY: a fixed delay plus jitter, never letting a segment overtake the one before it. */
    record Delay(long delay, Jitter jitter, SplittableRandom rnd, Wire wire) implements FaultLayer {
        @Override public void apply(Transit t) {
            long at = Math.max(t.deliverAt + delay + jitter.sample(rnd), wire.lastInOrder);
            wire.lastInOrder = at;
            t.deliverAt = at;
        }
    }

    /** DUPL: with probability {@code p} a copy arrives {@code gap} after the original. */
    record Dupl(double p, long gap, SplittableRandom rnd) implements FaultLayer {
        @Override public void apply(Transit t) {
            if (p > 0 && rnd.nextDouble() < p) t.copy(gap, "duplicate");
        }
    }

    /** SHUFFLE: with probability {@code p} the segment is held back {@code hold} so later ones overtake it. */
    record Shuffle(double p, long hold, SplittableRandom rnd) implements FaultLayer {
        @Override public void apply(Transit t) {
            if (p > 0 && rnd.nextDouble() < p) t.extraDelay += hold;
        }
    }

    /** What the wire remembers between segments: it outlives parameter changes. */
    final class Wire {
        long busyUntil;
        long lastInOrder;
        final ArrayDeque<Long> serialisationEnds = new ArrayDeque<>();
    }
}
