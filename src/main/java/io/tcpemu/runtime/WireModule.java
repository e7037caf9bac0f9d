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
    }

    /** A fault rule's action is one of three records: written with its kind's name, as Pekko allows (no class names on the wire). */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = FaultAction.Drop.class, name = "drop"),
            @JsonSubTypes.Type(value = FaultAction.Delay.class, name = "delay"),
            @JsonSubTypes.Type(value = FaultAction.Duplicate.class, name = "duplicate")})
    private interface FaultActionMixIn {}
}
