package io.tcpemu.runtime;

import org.apache.pekko.actor.typed.Behavior;

/**
 * Makes the behavior of one host from its spec: the seam between the topology (which spawns,
 * names, supervises and registers hosts) and the kernel (which the host side writes).
 */
@FunctionalInterface
public interface HostFactory {
    Behavior<Host.Command> create(HostSpec spec, NetworkContext net);
}
