package io.tcpemu.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.tcpemu.trace.TraceEvent;

/**
 * Teaches Jackson the trace events a served partition sends its driver each window: a sealed
 * interface of records, written with their kind's name (no class names on the wire). A mix-in,
 * so the trace package carries no serializer annotations. Listed in cluster.conf.
 */
public final class TraceModule extends SimpleModule {
    public TraceModule() {
        super("tcpemu-trace");
        setMixInAnnotation(TraceEvent.class, TraceEventMixIn.class);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = TraceEvent.SegmentEvent.class, name = "segment"),
            @JsonSubTypes.Type(value = TraceEvent.StateChanged.class, name = "state"),
            @JsonSubTypes.Type(value = TraceEvent.TimerEvent.class, name = "timer"),
            @JsonSubTypes.Type(value = TraceEvent.NoticeEvent.class, name = "notice"),
            @JsonSubTypes.Type(value = TraceEvent.SocketCall.class, name = "call"),
            @JsonSubTypes.Type(value = TraceEvent.Forwarded.class, name = "forwarded"),
            @JsonSubTypes.Type(value = TraceEvent.HostEvent.class, name = "host")})
    private interface TraceEventMixIn {}
}
