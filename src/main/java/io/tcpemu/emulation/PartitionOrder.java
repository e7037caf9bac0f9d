package io.tcpemu.emulation;

/**
 * What the driving node tells an application beside the hosts of another partition (a workload's
 * stop to its drivers there): the other direction of {@link PartitionNews}. It is handed over as a
 * segment between partitions is ({@link Emulation#sendAcross}), with the next window of the node
 * that runs that partition, and takes effect there at {@link #at()}. The emulation carries it
 * without reading it; io.tcpemu.cluster maps each kind for the wire.
 */
public interface PartitionOrder {
    /** When it takes effect, emulated µs; Long.MAX_VALUE: as soon as it is handed over (no link joins two partitions). */
    long at();
}
