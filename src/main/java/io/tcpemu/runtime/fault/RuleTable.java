package io.tcpemu.runtime.fault;

import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault rules of one link direction, with the counts that make "the 2nd SYN" mean something.
 * Each rule counts its own matches; a rule with an occurrence fires only on that match.
 * Connections are numbered in the order this link first sees them (1, 2, ...), counted only
 * while some rule asks for a connection number.
 */
public final class RuleTable {
    /** A rule as the table holds it. */
    public record Entry(int id, FaultRule rule, long matches) {}

    /** A rule that fired on a segment, and what it does. */
    public record Fired(FaultRule rule, FaultAction action) {}

    private record ConnKey(SockAddr src, SockAddr dst, long origin) {}

    private static final class Slot {
        final int id;
        final FaultRule rule;
        long matches;

        Slot(int id, FaultRule rule) {
            this.id = id;
            this.rule = rule;
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private final Map<ConnKey, Integer> ordinals = new HashMap<>();
    private int nextId = 1;

    /** Adds a rule at the end; returns its id for {@link #remove}. */
    public int add(FaultRule rule) {
        Slot slot = new Slot(nextId++, rule);
        slots.add(slot);
        return slot.id;
    }

    /** Removes the rule with this id; false if there is none. */
    public boolean remove(int id) { return slots.removeIf(s -> s.id == id); }

    public void clear() { slots.clear(); }

    public boolean isEmpty() { return slots.isEmpty(); }

    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>(slots.size());
        for (Slot s : slots) out.add(new Entry(s.id, s.rule, s.matches));
        return out;
    }

    /**
     * Counts the segment against every rule and returns those that fire, in rule order.
     *
     * @param sender name of the host that put the segment on this link
     */
    public List<Fired> apply(Segment seg, State senderState, String sender) {
        if (slots.isEmpty()) return List.of();
        int ordinal = needsOrdinal() ? ordinalOf(seg) : 0;
        List<Fired> fired = List.of();
        for (Slot s : slots) {
            SegmentPattern p = s.rule.pattern();
            if (!p.matches(seg, senderState, sender, ordinal)) continue;
            s.matches++;
            if (p.nth() != 0 && p.nth() != s.matches) continue;
            if (fired.isEmpty()) fired = new ArrayList<>(2);
            fired.add(new Fired(s.rule, s.rule.action()));
        }
        return fired;
    }

    private boolean needsOrdinal() {
        for (Slot s : slots) if (s.rule.pattern().needsOrdinal()) return true;
        return false;
    }

    private int ordinalOf(Segment seg) {
        return ordinals.computeIfAbsent(new ConnKey(seg.src(), seg.dst(), seg.origin()), k -> ordinals.size() + 1);
    }
}
