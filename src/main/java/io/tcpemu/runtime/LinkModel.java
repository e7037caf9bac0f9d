package io.tcpemu.runtime;

import io.tcpemu.runtime.fault.RuleTable;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.State;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The whole loss model of one link direction, in one place and free of actors: given a segment
 * and the time, it decides whether the segment is dropped (and why), when it arrives, and
 * whether copies arrive too. It is a stack of small {@link FaultLayer}s applied in this order:
 * <ol>
 *   <li>fault rules ({@link RuleTable}): drop, delay or duplicate targeted segments</li>
 *   <li>loss: drop with probability {@code loss}</li>
 *   <li>bandwidth: serialisation delay and tail drop when the queue is full</li>
 *   <li>delay: fixed delay plus jitter, keeping order</li>
 *   <li>duplication: a copy after {@code duplicateGap}</li>
 *   <li>reordering: hold a segment back so a later one overtakes it</li>
 * </ol>
 * and, at delivery, the maximum segment lifetime ({@link #expired}). All randomness comes from
 * one generator seeded per link, so a run with the same seed and inputs decides the same.
 */
public final class LinkModel {
    /** What happens to a segment: dropped with a reason, or delivered at a time, plus copies. */
    public record Fate(Segment segment, String dropReason, long deliverAt, List<Arrival> copies) {
        public boolean dropped() { return dropReason != null; }
    }

    /** A copy of a segment and when it arrives. */
    public record Arrival(long at, String reason) {}

    private final SplittableRandom rnd;
    private final RuleTable rules = new RuleTable();
    private final FaultLayer.Wire wire = new FaultLayer.Wire();
    /** The passage of the segment being decided, started afresh for each (a link decides one at a time). */
    private final Transit transit = new Transit();
    private LinkParams params;
    /** An array, not a list: walked for every segment, without an iterator. */
    private FaultLayer[] layers;

    public LinkModel(LinkParams params, long seed) {
        this.rnd = new SplittableRandom(seed);
        setParams(params);
    }

    public LinkParams params() { return params; }

    /** Changes the parameters from now on; the rules, the random sequence and the queue carry over. */
    public void setParams(LinkParams newParams) {
        this.params = newParams;
        // A layer whose parameter is off does nothing and draws no random number: it is left out of
        // the stack rather than called for every segment. Rules come and go without new parameters.
        List<FaultLayer> stack = new ArrayList<>(6);
        stack.add(new FaultLayer.Rules(rules));
        if (newParams.loss() > 0) stack.add(new FaultLayer.Discard(newParams.loss(), rnd));
        if (newParams.bandwidth() != 0) stack.add(new FaultLayer.Bandwidth(newParams.bandwidth(), newParams.queueLimit(), wire));
        stack.add(new FaultLayer.Delay(newParams.delay(), newParams.jitter(), rnd, wire));
        if (newParams.duplicate() > 0) stack.add(new FaultLayer.Dupl(newParams.duplicate(), newParams.duplicateGap(), rnd));
        if (newParams.reorder() > 0) stack.add(new FaultLayer.Shuffle(newParams.reorder(), newParams.effectiveReorderHold(), rnd));
        this.layers = stack.toArray(FaultLayer[]::new);
    }

    /** The link's fault rules, to add and remove. */
    public RuleTable rules() { return rules; }

    /**
     * Decides the fate of a segment put on the link at {@code now}.
     *
     * @param sender name of the host that sent it (rules such as "from b" look at it)
     */
    public Fate transmit(Segment segment, State senderState, String sender, long now) {
        Transit t = transit.start(segment, senderState, sender, now);
        for (FaultLayer layer : layers) {
            layer.apply(t);
            if (t.dropped()) return new Fate(segment, t.dropReason, -1, List.of());
        }
        long at = t.deliverAt + t.extraDelay;
        List<Arrival> copies = List.of();
        if (!t.copies.isEmpty()) {
            copies = new ArrayList<>(t.copies.size());
            for (Transit.Copy c : t.copies) copies.add(new Arrival(at + c.gap(), c.reason()));
        }
        return new Fate(segment, null, at, copies);
    }

    /** Whether a segment sent at {@code sentAt} is older than the MSL at {@code now}. */
    public boolean expired(long sentAt, long now) {
        return params.msl() > 0 && now - sentAt > params.msl();
    }
}
