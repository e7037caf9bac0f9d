package io.tcpemu.runtime;

import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.State;

import java.util.ArrayList;
import java.util.List;

/**
 * One segment's passage through the fault layers, decided step by step. A link's model keeps one
 * and starts it afresh for each segment ({@link #start}): no object per segment.
 */
final class Transit {
    Segment segment;
    State senderState;
    String sender;
    long now;

    /** Set by the layer that drops it; later layers are skipped. */
    String dropReason;
    /** When the wire would deliver it, before deliberate extra delay. */
    long deliverAt;
    /** Deliberate extra delay (rules, reordering): exempt from keeping order. */
    long extraDelay;
    /** Copies to deliver, each a gap after the original, with its reason. */
    List<Copy> copies = List.of();

    record Copy(long gap, String reason) {}

    /** The passage of {@code segment}, sent at {@code now}, from its start. */
    Transit start(Segment segment, State senderState, String sender, long now) {
        this.segment = segment;
        this.senderState = senderState;
        this.sender = sender;
        this.now = now;
        this.dropReason = null;
        this.deliverAt = now;
        this.extraDelay = 0;
        this.copies = List.of();
        return this;
    }

    void drop(String reason) { dropReason = reason; }

    boolean dropped() { return dropReason != null; }

    void copy(long gap, String reason) {
        if (copies.isEmpty()) copies = new ArrayList<>(2);
        copies.add(new Copy(gap, reason));
    }
}
