package io.tcpemu.tcp;

import org.junit.jupiter.api.Test;

import static io.tcpemu.tcp.NoSocketTest.A;
import static io.tcpemu.tcp.NoSocketTest.B;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9293 §3.10.7.2: a listening socket's answers. */
class ListenTest {
    @Test
    void a_rst_is_dropped() {
        assertThat(Listen.handleSegment(Segment.control(A, B, 100, 0, Flags.RST, 0)))
                .isEqualTo(new Listen.Verdict(Listen.Action.DROP, null));
    }

    @Test
    void an_ack_gets_a_rst_with_its_ack_number() {
        Listen.Verdict v = Listen.handleSegment(Segment.control(A, B, 100, 300, Flags.ACK, 1000));
        assertThat(v.action()).isEqualTo(Listen.Action.RESET);
        assertThat(v.reply()).isEqualTo(Segment.control(B, A, 300, 0, Flags.RST, 0));
    }

    @Test
    void a_syn_ack_is_an_ack_and_gets_a_rst() {
        Listen.Verdict v = Listen.handleSegment(Segment.control(A, B, 100, 300, Flags.SYN | Flags.ACK, 1000));
        assertThat(v.action()).isEqualTo(Listen.Action.RESET);
        assertThat(v.reply().seq()).isEqualTo(300);
    }

    @Test
    void a_syn_is_accepted() {
        assertThat(Listen.handleSegment(Segment.control(A, B, 100, 0, Flags.SYN, 1000)))
                .isEqualTo(new Listen.Verdict(Listen.Action.ACCEPT, null));
    }

    @Test
    void a_syn_fin_is_accepted_by_rfc9293_and_dropped_by_linux() {
        Segment synFin = Segment.control(A, B, 100, 0, Flags.SYN | Flags.FIN, 1000);
        assertThat(Listen.handleSegment(synFin, Profile.RFC9293.config()).action()).isEqualTo(Listen.Action.ACCEPT);
        assertThat(Listen.handleSegment(synFin, Profile.LINUX.config()).action()).isEqualTo(Listen.Action.DROP);
    }

    @Test
    void anything_else_is_dropped() {
        assertThat(Listen.handleSegment(Segment.control(A, B, 100, 0, Flags.FIN, 1000)).action())
                .isEqualTo(Listen.Action.DROP);
        assertThat(Listen.handleSegment(Segment.control(A, B, 100, 0, 0, 1000).withPayload(new byte[5])).action())
                .isEqualTo(Listen.Action.DROP);
    }
}
