package io.tcpemu.config;

import com.typesafe.config.ConfigUtil;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Over how many partitions (threads, each with its own virtual clock) one emulation runs, and
 * which host goes where.
 *
 * @param count  partitions; {@link #AUTO} for one per core
 * @param placed hosts placed by hand ({@code hosts.X.partition = k}), the rest are placed automatically
 */
public record PartitionSettings(int count, Map<String, Integer> placed) {
    /** {@code partitions = auto}: one per core. */
    public static final int AUTO = 0;

    /** Today's behaviour: everything on one thread. */
    public static final PartitionSettings ONE = new PartitionSettings(1, Map.of());

    public PartitionSettings {
        placed = Collections.unmodifiableMap(new LinkedHashMap<>(placed));
    }

    /** The count to run with: {@link #AUTO} becomes the number of cores. */
    public int resolvedCount() { return count == AUTO ? Math.max(1, Runtime.getRuntime().availableProcessors()) : count; }

    /** A host made by a {@code count} takes its group's partition ({@code hosts.client.partition}). */
    static PartitionSettings create(Reader r, Iterable<HostSettings> hosts) {
        int count = 1;
        if (r.isSet("partitions")) {
            String raw = r.config().getValue("partitions").unwrapped().toString().trim();
            count = raw.equalsIgnoreCase("auto") ? AUTO : r.integer("partitions", 1, 1024);
        }
        Map<String, Integer> placed = new LinkedHashMap<>();
        Map<String, Integer> read = new java.util.HashMap<>();   // by key: a count's hosts share theirs, read once
        for (HostSettings h : hosts) {
            String key = ConfigUtil.joinPath("hosts", h.configName(), "partition");
            if (!r.isSet(key)) continue;
            Integer known = read.get(key);
            int k = known != null ? known : r.integer(key, 0, 1023);
            if (known == null && count != AUTO && k >= count) {
                r.problem(key, "expected a partition from 0 to " + (count - 1) + " (partitions = " + count + "), got " + k);
            }
            read.put(key, k);
            placed.put(h.name(), k);
        }
        return new PartitionSettings(count, placed);
    }
}
