package io.tcpemu.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** SO_RCVBUF under each profile; the Linux numbers are the kernel's (rcvbuf-*.pkt checks them there). */
class ReceiveBufferOptionTest extends ConnectionFixtures {
    private static final TcpConfig LINUX = Profile.LINUX.config();
    private static final TcpConfig RFC = Profile.RFC9293.config();

    @Test
    void linux_doubles_the_value_within_its_minimum_and_rmem_max() {
        assertThat(ReceiveBufferOption.unset(LINUX)).as("tcp_rmem[1]").isEqualTo(131072);
        assertThat(ReceiveBufferOption.buffer(LINUX, 10000)).isEqualTo(20000);
        assertThat(ReceiveBufferOption.buffer(LINUX, 1)).as("SOCK_MIN_RCVBUF").isEqualTo(2304);
        assertThat(ReceiveBufferOption.buffer(LINUX, 5_000_000)).as("rmem_max, doubled").isEqualTo(8_388_608);
        assertThat(ReceiveBufferOption.buffer(LINUX, -1)).as("taken as unsigned, as the kernel does").isEqualTo(8_388_608);
    }

    @Test
    void rfc9293_keeps_the_value_as_its_receive_space() {
        assertThat(ReceiveBufferOption.unset(RFC)).isEqualTo(65535);
        assertThat(ReceiveBufferOption.buffer(RFC, 10000)).isEqualTo(10000);
        assertThat(ReceiveBufferOption.buffer(RFC, 1 << 20)).as("16-bit windows without scaling").isEqualTo(65535);
        assertThat(ReceiveBufferOption.apply(RFC, 10000).receiveWindow()).isEqualTo(10000);
    }

    @Test
    void a_locked_linux_buffer_sets_the_space_and_the_window_scale() {
        assertThat(ReceiveBufferOption.apply(LINUX, 20000).receiveWindow()).isEqualTo(10000);
        assertThat(ReceiveBufferOption.apply(LINUX, 20000).windowScale()).as("ilog2(10000) < 15").isZero();
        assertThat(ReceiveBufferOption.apply(LINUX, 131072).windowScale()).as("ilog2(65536) - 15").isEqualTo(1);
        assertThat(ReceiveBufferOption.apply(LINUX, 600000).windowScale()).isEqualTo(3);
        assertThat(ReceiveBufferOption.apply(LINUX, 8_388_608).windowScale()).isEqualTo(7);
    }

    @Test
    void the_syn_offers_the_locked_space_in_whole_segments() {
        Tcb s = closed(ReceiveBufferOption.apply(LINUX, 20000));
        s.conn().connect(LOCAL, REMOTE, T0);
        Segment syn = s.fx().sent.poll().segment();
        assertThat(syn.window()).as("10000 rounded down to 6 segments of 1460").isEqualTo(8760);
        assertThat(syn.wscale()).isZero();
    }
}
