package io.tcpemu.runtime;

import io.tcpemu.time.EmuTime;
import io.tcpemu.trace.TraceBus;

/** What every host and link of one emulation shares: where to find each other, where to trace, what time it is. */
public record NetworkContext(Directory directory, TraceBus bus, EmuTime time) {}
