package io.tcpemu.runtime;

/**
 * Marks the messages hosts, links, endpoints and socket owners exchange: the ones that would
 * cross machines if hosts were placed on several (Pekko Cluster Sharding). reference.conf binds
 * this interface to Pekko's Jackson CBOR serializer; {@link WireModule} teaches Jackson the few
 * payload types that need it. Plain records of values, enums, {@code byte[]} and ActorRefs only.
 */
public interface WireMessage {}
