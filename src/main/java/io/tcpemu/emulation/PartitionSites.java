package io.tcpemu.emulation;

import io.tcpemu.config.Settings;
import io.tcpemu.time.RemotePartition;

/**
 * Where the partitions of a partitioned emulation run: in this JVM, or on other nodes of a
 * cluster. A cluster node that drives a run sets one for its thread
 * ({@link Emulation#runPartitionsOn}); {@link Emulation#fromSettings} then asks it about each
 * partition but 0, which always runs with the driver.
 */
public interface PartitionSites {
    /**
     * @param partition 1 .. count - 1
     * @param count     the emulation's partition count
     * @param settings  the scenario point the emulation runs
     * @param traced    whether anyone reads the emulation's trace now (asked at each window: a
     *                  partition elsewhere sends its trace events only then)
     * @return the partition on another node, or null to run it in this JVM
     */
    RemotePartition remote(int partition, int count, Settings settings, java.util.function.BooleanSupplier traced);
}
