package io.tcpemu.cluster;

/**
 * A message between cluster members (node, submitter). The one type bound to Jackson CBOR in
 * cluster.conf: with Java serialization off, nothing else of ours can cross the wire.
 */
public interface ClusterMessage {}
