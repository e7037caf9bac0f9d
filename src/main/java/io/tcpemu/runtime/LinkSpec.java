package io.tcpemu.runtime;

import io.tcpemu.runtime.fault.FaultRule;
import io.tcpemu.runtime.fault.RuleSyntaxException;

import java.util.List;

/**
 * One direction of a link as the topology declares it.
 *
 * @param from   name of the sending host
 * @param to     name of the receiving host
 * @param params delay, jitter, loss, duplication, reordering, bandwidth, queue, MSL
 * @param rules  targeted faults, in the order they are checked
 * @param seed   seeds the link's random generator, so runs repeat
 */
public record LinkSpec(String from, String to, LinkParams params, List<FaultRule> rules, long seed) {
    public LinkSpec {
        if (from == null || to == null) throw new IllegalArgumentException("a link needs both a from and a to host");
        if (from.equals(to)) throw new IllegalArgumentException("link from host '" + from + "' to itself");
        if (params == null) params = LinkParams.IDEAL;
        rules = rules == null ? List.of() : List.copyOf(rules);
        for (FaultRule rule : rules) checkRule(from, to, rule);
    }

    /**
     * Refuses a rule that can never fire on the link from → to: segments on it all come from
     * {@code from}, so "drop fin from b" belongs on a link from b.
     */
    public static void checkRule(String from, String to, FaultRule rule) {
        String sender = rule.pattern().fromHost();
        if (sender != null && !sender.equals(from)) {
            throw new RuleSyntaxException("rule \"" + rule.text() + "\" can never fire on link " + from + "->" + to
                    + ": every segment on it comes from " + from + "; put it on a link from " + sender);
        }
    }

    /** The name a link goes by in traces and the console: "a->b". */
    public String name() { return from + "->" + to; }
}
