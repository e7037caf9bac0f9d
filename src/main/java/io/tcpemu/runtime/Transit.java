package io.tcpemu.runtime;

import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.State;

import java.util.ArrayList;
import java.util.List;

/** One segment's passage through the fault layers, decided step by step. */
final class Transit {
    final Segment segment;
    final State senderState;
    final String sender;
    final long now;

    /** Set by the layer that drops it; later layers are skipped. */
    String dropReason;
    /** When the wire would deliver it, before deliberate extra delay. */
    long deliverAt;
    /** Deliberate extra delay (rules, reordering): exempt from keeping order. */
    long extraDelay;
    /** Copies to deliver, each a gap after the original, with its reason. */
    List<Copy> copies = List.of();

    record Copy(long gap, String reason) {}

    Transit(Segment segment, State senderState, String sender, long now) {
        this.segment = segment;
        this.senderState = senderState;
        this.sender = sender;
        this.now = now;
        this.deliverAt = now;
    }

    void drop(String reason) { dropReason = reason; }

    boolean dropped() { return dropReason != null; }

    void copy(long gap, String reason) {
        if (copies.isEmpty()) copies = new ArrayList<>(2);
        copies.add(new Copy(gap, reason));
    }
}
