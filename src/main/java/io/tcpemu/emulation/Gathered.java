package io.tcpemu.emulation;

import io.tcpemu.trace.TraceEvent;

import java.util.List;

/**
 * What a partition on another node gathered for its driver in one window: its trace events in
 * the canonical order, and its applications' news.
 */
public record Gathered(List<TraceEvent> trace, List<PartitionNews> news) {}
