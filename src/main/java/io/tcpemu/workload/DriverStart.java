package io.tcpemu.workload;

import io.tcpemu.emulation.PartitionOrder;

/**
 * A workload started while the emulation runs (a console's or a run script's {@code workload
 * start}), for the drivers of a partition other than the supervisor's, in this JVM or on another
 * node: handed over as a segment between partitions is, it starts them at {@code at}, one lookahead
 * after the supervisor started, whichever node runs them ({@link LiveStart}).
 *
 * @param at        emulated µs; Long.MAX_VALUE: when handed over (no link joins two partitions)
 * @param startedAt when the supervisor started: the drivers' deadline counts from it, as its own does
 * @param workload  the workload's name (its drivers' actor names and the receivers of its stop)
 * @param plan      what the drivers do
 */
public record DriverStart(long at, long startedAt, String workload, WorkloadPlan plan) implements PartitionOrder {}
