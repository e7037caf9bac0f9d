package io.tcpemu.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One direction of a link. A config's {@code between = [a, b]} gives two of these, a→b and b→a.
 *
 * @param from         sending host
 * @param to           receiving host
 * @param delay        one-way propagation delay, microseconds
 * @param jitter       random extra delay
 * @param loss         probability a segment is lost
 * @param duplicate    probability a segment is delivered twice
 * @param reorder      probability a segment is held back by {@code reorderDelay}
 * @param reorderDelay how long a reordered segment is held back, microseconds
 * @param bandwidth    bytes per second; 0 = unlimited
 * @param queueLimit   segments queued while busy; 0 = unlimited
 * @param msl          segments older than this are dropped, microseconds; 0 = no limit
 * @param rules        fault rules as the user wrote them ("drop fin from b")
 * @param where        "file:line" of the link in the config, for error messages about its rules
 */
public record LinkSettings(String from, String to, long delay, Jitter jitter, double loss, double duplicate,
                           double reorder, long reorderDelay, long bandwidth, int queueLimit, long msl,
                           List<String> rules, String where) {

    /** Random extra delay added to each segment. */
    public record Jitter(Distribution distribution, long amount) {}

    public enum Distribution { NONE, UNIFORM, NORMAL, EXPONENTIAL, PARETO }

    /** A name for the link in messages and pcap selections: "a->b". */
    public String name() { return from + "->" + to; }

    /** Reads one element of {@code links}: one or two directions. */
    static List<LinkSettings> create(Reader r) {
        int before = r.problems.count();
        List<String> between = r.strings("between", "a list of two host names such as [a, b]");
        if (r.problems.count() > before) return List.of();
        String from = r.optionalString("from");
        String to = r.optionalString("to");
        boolean pair = !between.isEmpty();
        if (pair && (!from.isEmpty() || !to.isEmpty())) {
            r.problem("between", "expected either between = [a, b] or from/to, not both");
            return List.of();
        }
        if (pair && between.size() != 2) {
            r.problem("between", "expected a list of two host names such as [a, b], got " + between.size() + " names");
            return List.of();
        }
        if (!pair && (from.isEmpty() || to.isEmpty())) {
            r.problem(from.isEmpty() ? "from" : "to", "expected a host name: a link needs between = [a, b] or both from and to");
            return List.of();
        }
        Jitter jitter = new Jitter(r.choice("jitter.distribution", Distribution.class, Distribution.NONE), r.micros("jitter.amount"));
        String probability = "a probability from 0 to 1";
        LinkSettings forward = new LinkSettings(pair ? between.get(0) : from, pair ? between.get(1) : to,
                r.micros("delay"), jitter,
                r.number("loss", 0, 1, probability), r.number("duplicate", 0, 1, probability),
                r.number("reorder", 0, 1, probability), r.micros("reorder-delay"),
                r.bytes("bandwidth"), r.integer("queue-limit", 0, Integer.MAX_VALUE), r.micros("msl"),
                r.strings("rules", "a list of rules such as [\"drop fin from b\"]"),
                r.where());
        List<LinkSettings> out = new ArrayList<>(List.of(forward));
        if (pair) out.add(forward.reversed());
        return out;
    }

    /** The same link between other ends: one host of a {@code count}. */
    LinkSettings between(String from, String to) {
        return new LinkSettings(from, to, delay, jitter, loss, duplicate, reorder, reorderDelay, bandwidth, queueLimit,
                msl, rules, where);
    }

    private LinkSettings reversed() {
        return new LinkSettings(to, from, delay, jitter, loss, duplicate, reorder, reorderDelay, bandwidth, queueLimit,
                msl, rules, where);
    }
}
