package io.tcpemu.reliability;

import org.junit.jupiter.api.Test;

/**
 * Seeds of {@link RuntimeInvariantsTest} that once found a bug, kept by name: each replays the
 * same random run on a fresh virtual-time system and must now keep every invariant.
 */
class RuntimeRegressionTest {

    /**
     * A half-close (the client shut down first) whose server's last data segments and FIN were
     * retransmitted together: the client took the FIN into TIME-WAIT, and the endpoint, now
     * "defunct", answered the reader's next read with end of stream although the last 1,668
     * bytes sat unread in the connection. Fixed in {@code Endpoint.defunct()}.
     */
    @Test
    void bytes_that_came_with_the_closing_fin_are_still_read_after_the_connection_ended() {
        RuntimeInvariantsTest.check(-195);
    }

    /**
     * Found by {@code -Pstress}: the server had the client's last 28 bytes and FIN (CLOSE-WAIT) when
     * the client's RST came (it had closed and then got data: RST for data after close). The
     * endpoint, defunct with the error set, answered the next read with end of stream and the 28
     * bytes were never read. Linux keeps its receive queue on a RST and reads it before EOF.
     */
    @Test
    void bytes_before_the_fin_are_still_read_when_a_reset_follows_it() {
        RuntimeInvariantsTest.check(1842126);
    }
}
