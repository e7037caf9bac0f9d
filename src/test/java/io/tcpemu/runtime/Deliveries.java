package io.tcpemu.runtime;

import io.tcpemu.tcp.Segment;
import java.util.List;

/** The segments a host message delivers: one for {@link Host.Deliver}, several for a link's batch. */
final class Deliveries {
    private Deliveries() {}

    static List<Segment> of(Host.Command m) {
        if (m instanceof Host.Deliver d) return List.of(d.segment());
        if (m instanceof Host.DeliverAll all) return all.segments();
        throw new AssertionError("not a delivery: " + m);
    }
}
