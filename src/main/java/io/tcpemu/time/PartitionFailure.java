package io.tcpemu.time;

/**
 * A run over partitions that broke the window protocol's rules, or a partition that failed (an
 * actor crashed): thrown by the clock's drives from the barrier after it happened, it ends the
 * run; the message says which partition, which host or link, and when.
 */
public final class PartitionFailure extends IllegalStateException {
    PartitionFailure(String problem) { super(problem); }
}
