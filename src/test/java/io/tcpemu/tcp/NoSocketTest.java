package io.tcpemu.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9293 §3.10.7.1: the answers of a host with no socket for the segment. */
class NoSocketTest {
    static final SockAddr A = SockAddr.of("10.0.0.1", 40000);
    static final SockAddr B = SockAddr.of("10.0.0.2", 80);

    @Test
    void a_rst_is_never_answered() {
        assertThat(NoSocket.reply(Segment.control(A, B, 100, 0, Flags.RST, 0))).isNull();
        assertThat(NoSocket.reply(Segment.control(A, B, 100, 300, Flags.RST | Flags.ACK, 0))).isNull();
    }

    @Test
    void an_ack_is_answered_by_a_rst_with_its_ack_number_as_sequence() {
        Segment rst = NoSocket.reply(Segment.control(A, B, 100, 300, Flags.ACK, 1000));
        assertThat(rst).isEqualTo(Segment.control(B, A, 300, 0, Flags.RST, 0));
    }

    @Test
    void a_syn_is_answered_by_rst_ack_acknowledging_it() {
        Segment rst = NoSocket.reply(Segment.control(A, B, 100, 0, Flags.SYN, 1000));
        assertThat(rst).isEqualTo(Segment.control(B, A, 0, 101, Flags.RST | Flags.ACK, 0));
    }

    @Test
    void data_without_ack_is_acknowledged_to_its_end() {
        Segment data = Segment.control(A, B, 100, 0, Flags.FIN, 1000).withPayload(new byte[10]);
        assertThat(NoSocket.reply(data)).isEqualTo(Segment.control(B, A, 0, 111, Flags.RST | Flags.ACK, 0));
    }

    @Test
    void the_ack_number_wraps_past_two_to_the_32() {
        Segment syn = Segment.control(A, B, 0xFFFF_FFFF, 0, Flags.SYN, 1000);
        assertThat(NoSocket.reply(syn).ack()).isZero();
    }
}
