package io.tcpemu.emulation;

/**
 * What the applications beside the hosts of a partition on another node (a workload's drivers)
 * tell the driving node after a window, besides the trace: it travels with the window's report
 * ({@link Gathered}) and is handed to {@link Emulation#onNews} at the barrier. The emulation
 * carries it without reading it; io.tcpemu.cluster maps each kind for the wire.
 */
public interface PartitionNews {}
