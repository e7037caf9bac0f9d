package io.tcpemu.tcp;

/** A connection under test and what it has output. */
record Tcb(Connection conn, RecordingEffects fx) {
    State state() { return conn.state(); }
}
