package io.tcpemu.tcp;

import org.junit.jupiter.api.Test;

import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class IsnGeneratorTest {
    private static final FourTuple TUPLE = new FourTuple(SockAddr.of("10.0.0.1", 40000), SockAddr.of("10.0.0.2", 80));
    private static final FourTuple OTHER_PORT = new FourTuple(SockAddr.of("10.0.0.1", 40001), SockAddr.of("10.0.0.2", 80));

    @Test
    void same_key_same_tuple_same_time_gives_the_same_isn() {
        assertThat(new IsnGenerator(42).next(TUPLE, 1000)).isEqualTo(new IsnGenerator(42).next(TUPLE, 1000));
    }

    @Test
    void another_key_gives_another_isn() {
        assertThat(new IsnGenerator(42).next(TUPLE, 1000)).isNotEqualTo(new IsnGenerator(43).next(TUPLE, 1000));
    }

    @Test
    void tuples_differing_in_one_port_get_unrelated_isns() {
        IsnGenerator isn = new IsnGenerator(7);
        assertThat(isn.next(TUPLE, 0)).isNotEqualTo(isn.next(OTHER_PORT, 0));
        assertThat(isn.next(TUPLE, 0)).isNotEqualTo(isn.next(TUPLE.reversed(), 0));
    }

    @Test
    void the_clock_part_advances_one_per_four_microseconds() {
        IsnGenerator isn = new IsnGenerator(7);
        assertThat(Seq.diff(isn.next(TUPLE, 4_000), isn.next(TUPLE, 0))).isEqualTo(1_000);
        assertThat(Seq.diff(isn.next(TUPLE, 3), isn.next(TUPLE, 0))).isZero();
    }

    @Test
    void a_later_incarnation_of_a_tuple_starts_beyond_the_earlier_one() {
        IsnGenerator isn = new IsnGenerator(7);
        int old = isn.next(TUPLE, 10 * SECOND);
        // The old incarnation sent a few MB at most; a new one 60 s later starts 15 million further.
        int fresh = isn.next(TUPLE, 70 * SECOND);
        assertThat(Seq.gt(fresh, Seq.add(old, 1_000_000))).isTrue();
        assertThat(Seq.diff(fresh, old)).isEqualTo(15_000_000);
    }

    @Test
    void the_clock_wraps_modulo_two_to_the_32() {
        IsnGenerator isn = new IsnGenerator(7);
        long wrap = (1L << 32) * IsnGenerator.CLOCK_TICK_MICROS;
        assertThat(isn.next(TUPLE, 5 + wrap)).isEqualTo(isn.next(TUPLE, 5));
    }
}
