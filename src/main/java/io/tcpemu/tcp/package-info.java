/**
 * The TCP connection state machine of RFC 9293, as plain Java: it contains no networking,
 * no threads, no actors, and reads no clock.
 *
 * <p>Time is an argument: every input takes {@code now}, a count of <b>microseconds</b> on
 * whatever clock the caller runs (virtual or real). Inputs are methods named {@code handle*}
 * (an arriving segment, a fired timer) and the user calls ({@code connect}, {@code send},
 * {@code close}, ...). Outputs go to an {@link io.tcpemu.tcp.Effects} given at construction:
 * segments to transmit, timers to arm or cancel, state changes and notices to the user.
 *
 * <p>The actor runtime carries these outputs out; it never re-decides a protocol rule. An
 * ArchUnit test keeps this package free of Pekko, threads and clocks.
 */
package io.tcpemu.tcp;
