/**
 * Routers, paths and NAT gateways as pure rules: which neighbour a segment goes to next
 * ({@link io.tcpemu.net.Routes}), how long it waits in an interface's drop-tail queue
 * ({@link io.tcpemu.net.OutputQueue}), and how a masquerading gateway rewrites it
 * ({@link io.tcpemu.net.Nat} over {@link io.tcpemu.net.Conntrack} and {@link io.tcpemu.net.NatPorts}).
 * No actors, threads or clocks: time is an argument. The runtime's {@code Router} actor carries
 * out what these decide.
 */
package io.tcpemu.net;
