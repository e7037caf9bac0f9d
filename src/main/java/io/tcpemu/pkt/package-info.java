/**
 * packetdrill scripts against an emulated host: {@link io.tcpemu.pkt.PktParser} reads a script into
 * {@link io.tcpemu.pkt.Script} (events: packets, socket calls, and skipped lines with their reason);
 * {@link io.tcpemu.pkt.PktRunner} runs it in virtual time on a {@link io.tcpemu.pkt.Target} (the
 * runtime's host through {@link io.tcpemu.pkt.RuntimeTarget}, or a stand-in in tests) and returns a
 * {@link io.tcpemu.pkt.PktResult}; {@link io.tcpemu.pkt.PktCommand} is {@code tcpemu pkt}.
 */
package io.tcpemu.pkt;
