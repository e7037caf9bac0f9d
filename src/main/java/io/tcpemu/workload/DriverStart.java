package io.tcpemu.workload;

import io.tcpemu.emulation.PartitionOrder;

/**
 * A workload started while the emulation runs (a console's or a run script's {@code workload
 * start}), for the drivers of a partition another node runs: given from the driving thread with
 * every partition held ({@link io.tcpemu.emulation.Emulation#sendHeld}), it reaches that node with
 * the next window, before it runs, and the node starts the drivers of its hosts there, at the
 * instant the supervisor started, as {@link Workload#serve} does for a run's own workload.
 *
 * @param at       the instant every partition is held at, emulated µs: the drivers start then
 * @param workload the workload's name (its drivers' actor names and the receivers of its stop)
 * @param plan     what the drivers do
 */
public record DriverStart(long at, String workload, WorkloadPlan plan) implements PartitionOrder {}
