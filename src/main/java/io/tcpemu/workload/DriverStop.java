package io.tcpemu.workload;

import io.tcpemu.emulation.PartitionOrder;

/**
 * The workload's stop (Ctrl-C, a server that could not listen) for a client driver on another
 * partition than the supervisor's, in this JVM or on another node: handed over as a segment
 * between partitions is, it stops the driver at {@code at}, one lookahead after the supervisor
 * decided, whichever node runs it.
 *
 * @param at emulated µs; Long.MAX_VALUE: when handed over (no link joins two partitions)
 */
public record DriverStop(long at) implements PartitionOrder {}
