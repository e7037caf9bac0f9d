package io.tcpemu.report;

import java.io.IOException;

/** Lays packets out in one capture file format. */
interface CaptureEncoder {
    void header() throws IOException;

    void packet(CapturedPacket p) throws IOException;
}
