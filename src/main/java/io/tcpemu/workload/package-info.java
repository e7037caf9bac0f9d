/**
 * Load on the emulated network: a supervisor ({@link io.tcpemu.workload.Workload}) spawns a few
 * driver actors (one per client host, one server application per server) that each keep many
 * connections as small entries, open them by an arrival process, exchange a request and a
 * response, and close them as the close mode says; and a sweep runner that repeats a run over one
 * or two parameters and tabulates the outcomes beside Little's-law predictions.
 *
 * <p>No actor per connection or request: drivers hear socket events by message (PUSH delivery)
 * and never ask on the hot path.
 */
package io.tcpemu.workload;
