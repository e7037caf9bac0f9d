package io.tcpemu.runtime;

import io.tcpemu.tcp.SockAddr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortAllocatorTest {
    private static final int LOCAL = SockAddr.parseIp("10.0.0.1");
    private static final SockAddr SERVER = SockAddr.of("10.0.0.2", 80);
    private static final SockAddr OTHER = SockAddr.of("10.0.0.3", 443);

    @Test
    void sequential_hands_out_consecutive_ports_and_wraps() {
        PortAllocator ports = new PortAllocator(40000, 40002, PortAllocator.Algorithm.SEQUENTIAL, 1);
        assertThat(ports.allocate(LOCAL, SERVER, p -> true)).isEqualTo(40000);
        assertThat(ports.allocate(LOCAL, SERVER, p -> true)).isEqualTo(40001);
        assertThat(ports.allocate(LOCAL, SERVER, p -> true)).isEqualTo(40002);
        assertThat(ports.allocate(LOCAL, SERVER, p -> true)).isEqualTo(40000);
    }

    @Test
    void sequential_skips_ports_that_are_not_usable() {
        PortAllocator ports = new PortAllocator(40000, 40009, PortAllocator.Algorithm.SEQUENTIAL, 1);
        assertThat(ports.allocate(LOCAL, SERVER, p -> p >= 40005)).isEqualTo(40005);
        assertThat(ports.allocate(LOCAL, SERVER, p -> true)).isEqualTo(40006);
    }

    @ParameterizedTest
    @EnumSource(PortAllocator.Algorithm.class)
    void every_algorithm_finds_the_one_free_port_and_reports_exhaustion(PortAllocator.Algorithm algorithm) {
        PortAllocator ports = new PortAllocator(32768, 60999, algorithm, 7);
        assertThat(ports.allocate(LOCAL, SERVER, p -> p == 50000)).isEqualTo(50000);
        assertThat(ports.allocate(LOCAL, SERVER, p -> false)).isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(PortAllocator.Algorithm.class)
    void every_algorithm_can_use_the_whole_range_without_repeating(PortAllocator.Algorithm algorithm) {
        PortAllocator ports = new PortAllocator(1000, 1099, algorithm, 3);
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            int port = ports.allocate(LOCAL, SERVER, p -> !taken.contains(p));
            assertThat(port).isBetween(1000, 1099);
            taken.add(port);
        }
        assertThat(taken).hasSize(100);
        assertThat(ports.allocate(LOCAL, SERVER, p -> !taken.contains(p))).isEqualTo(-1);
    }

    @Test
    void random_is_reproducible_for_a_seed_and_not_sequential() {
        PortAllocator a = new PortAllocator(32768, 60999, PortAllocator.Algorithm.RANDOM, 42);
        PortAllocator b = new PortAllocator(32768, 60999, PortAllocator.Algorithm.RANDOM, 42);
        int[] first = new int[5];
        for (int i = 0; i < 5; i++) {
            first[i] = a.allocate(LOCAL, SERVER, p -> true);
            assertThat(b.allocate(LOCAL, SERVER, p -> true)).isEqualTo(first[i]);
        }
        assertThat(first[1]).isNotEqualTo(first[0] + 1);
    }

    @Test
    void hash_gives_each_destination_its_own_sequence_that_advances_by_one() {
        PortAllocator ports = new PortAllocator(32768, 60999, PortAllocator.Algorithm.HASH, 42);
        int toServer = ports.allocate(LOCAL, SERVER, p -> true);
        int toOther = ports.allocate(LOCAL, OTHER, p -> true);
        int toServerAgain = ports.allocate(LOCAL, SERVER, p -> true);
        // RFC 6056 Algorithm 3: offset per destination, plus a counter that moved on by two attempts.
        assertThat(toOther).isNotEqualTo(toServer + 1);
        assertThat(toServerAgain).isEqualTo(32768 + (toServer - 32768 + 2) % ports.size());
    }

    @Test
    void bad_ranges_and_names_are_rejected_with_the_values() {
        assertThatThrownBy(() -> new PortAllocator(5000, 4000, PortAllocator.Algorithm.RANDOM, 1))
                .hasMessageContaining("5000-4000");
        assertThatThrownBy(() -> PortAllocator.Algorithm.parse("lottery"))
                .hasMessageContaining("'lottery'").hasMessageContaining("sequential, random or hash");
        assertThat(PortAllocator.Algorithm.parse(" Hash ")).isEqualTo(PortAllocator.Algorithm.HASH);
    }
}
