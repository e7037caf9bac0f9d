package io.tcpemu.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.tcpemu.emulation.PartitionNews;
import io.tcpemu.emulation.PartitionOrder;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.workload.DriverNews;
import io.tcpemu.workload.DriverStart;
import io.tcpemu.workload.DriverStop;

/**
 * Teaches Jackson what a served partition sends its driver each window: the trace events (a
 * sealed interface of records) and the news of the applications beside its hosts (a workload's
 * drivers); and what the driver orders those applications (a workload's start while running, its stop), each written with its kind's name (no class names on the wire). Mix-ins, so the trace,
 * emulation and workload packages carry no serializer annotations. Added to Jackson's modules by
 * {@link ClusterSystem}.
 */
public final class TraceModule extends SimpleModule {
    public TraceModule() {
        super("tcpemu-trace");
        setMixInAnnotation(TraceEvent.class, TraceEventMixIn.class);
        setMixInAnnotation(PartitionNews.class, PartitionNewsMixIn.class);
        setMixInAnnotation(PartitionOrder.class, PartitionOrderMixIn.class);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = DriverStop.class, name = "stop"), @JsonSubTypes.Type(value = DriverStart.class, name = "start")})
    private interface PartitionOrderMixIn {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = DriverNews.class, name = "driver")})
    private interface PartitionNewsMixIn {}

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
