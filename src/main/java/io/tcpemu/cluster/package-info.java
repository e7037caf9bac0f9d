/**
 * Running a scenario on a Pekko Cluster: membership ({@link io.tcpemu.cluster.ClusterSystem}),
 * the worker each {@code tcpemu node} runs ({@link io.tcpemu.cluster.NodeWorker}), the submitter's
 * {@link io.tcpemu.cluster.Coordinator} and where the emulation goes ({@link io.tcpemu.cluster.Placement}).
 * An emulation itself knows nothing of the cluster: a node runs it in a local actor system of its
 * own, exactly as {@code tcpemu run} does, and the results travel back as files.
 */
package io.tcpemu.cluster;
