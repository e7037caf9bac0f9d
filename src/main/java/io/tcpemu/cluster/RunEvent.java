package io.tcpemu.cluster;

/**
 * What a node tells the submitter about the run it carries out, in order: accepted (or busy),
 * progress in emulated time, the text {@code tcpemu run} prints, the results folder's files in
 * chunks, and the exit status.
 */
public sealed interface RunEvent extends ClusterMessage {
    /** The node has started the run. */
    record Accepted(String node) implements RunEvent {}

    /** The node is running another submitter's scenario. */
    record Busy(String node) implements RunEvent {}

    /** Emulated time reached in the point with this label ("" for a run without variants or a sweep). */
    record Progress(String label, long micros) implements RunEvent {}

    /** Text the run printed, on stderr if {@code err}, else stdout. */
    record Output(boolean err, String text) implements RunEvent {}

    /**
     * Part of a file of the results folder, {@code path} relative to it with '/' between names;
     * {@code first} starts the file anew. Chunks stay far below Artery's frame size.
     */
    record FileChunk(String path, byte[] bytes, boolean first) implements RunEvent {}

    /** The run is over with this exit status (as {@code tcpemu run}'s). */
    record Finished(int status) implements RunEvent {}
}
