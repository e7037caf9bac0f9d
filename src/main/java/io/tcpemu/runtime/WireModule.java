package io.tcpemu.runtime;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.tcpemu.runtime.fault.FaultAction;

/**
 * What Jackson needs to know about tcpemu's message payloads, kept here as mix-ins so the
 * payload types themselves (the sans-IO core, the fault rules) carry no serializer annotations.
 * Listed in reference.conf under {@code pekko.serialization.jackson.jackson-modules}.
 */
public final class WireModule extends SimpleModule {

    public WireModule() {
        super("tcpemu-wire");
        setMixInAnnotation(FaultAction.class, FaultActionMixIn.class);
        setMixInAnnotation(Endpoint.Command.class, EndpointCommandMixIn.class);
    }

    /** A socket call travels inside {@link Host.ToEndpoint}: written with its record's name, as above. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "call")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Endpoint.Incoming.class, name = "incoming"),
            @JsonSubTypes.Type(value = Endpoint.Write.class, name = "write"),
            @JsonSubTypes.Type(value = Endpoint.Read.class, name = "read"),
            @JsonSubTypes.Type(value = Endpoint.Shutdown.class, name = "shutdown"),
            @JsonSubTypes.Type(value = Endpoint.GetError.class, name = "get-error"),
            @JsonSubTypes.Type(value = Endpoint.Poll.class, name = "poll"),
            @JsonSubTypes.Type(value = Endpoint.Close.class, name = "close"),
            @JsonSubTypes.Type(value = Endpoint.Abort.class, name = "abort"),
            @JsonSubTypes.Type(value = Endpoint.SetLingerZero.class, name = "set-linger-zero"),
            @JsonSubTypes.Type(value = Endpoint.SetOwner.class, name = "set-owner"),
            @JsonSubTypes.Type(value = Endpoint.Query.class, name = "query"),
            @JsonSubTypes.Type(value = Endpoint.WatchStop.class, name = "watch-stop")})
    private interface EndpointCommandMixIn {}

    /** A fault rule's action is one of three records: written with its kind's name, as Pekko allows (no class names on the wire). */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = FaultAction.Drop.class, name = "drop"),
            @JsonSubTypes.Type(value = FaultAction.Delay.class, name = "delay"),
            @JsonSubTypes.Type(value = FaultAction.Duplicate.class, name = "duplicate")})
    private interface FaultActionMixIn {}
}
