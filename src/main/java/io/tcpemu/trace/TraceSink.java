package io.tcpemu.trace;

/** A subscriber to the trace. Called on the emulation's thread; must not block. */
@FunctionalInterface
public interface TraceSink {
    void accept(TraceEvent event);

    TraceSink NONE = event -> {};
}
