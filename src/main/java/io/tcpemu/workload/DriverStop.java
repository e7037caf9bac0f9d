package io.tcpemu.workload;

import io.tcpemu.emulation.PartitionOrder;

/**
 * The workload's stop for a client driver on another partition than the supervisor's, in this JVM
 * or on another node. Given from outside the run (the console's or a script's {@code workload
 * stop}, Ctrl-C), every partition held, it stops every client at that instant
 * ({@link Workload#stopHeld}); decided by the supervisor while the run goes (a server that could
 * not listen), it is handed over as a segment between partitions is and stops the driver at
 * {@code at}, one lookahead after the decision, whichever node runs it.
 *
 * @param at emulated µs; Long.MAX_VALUE: when handed over (no link joins two partitions)
 */
public record DriverStop(long at) implements PartitionOrder {}
