package io.tcpemu.tcp;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report matches sent segments to their deliveries in hash maps keyed by the segment. A zero
 * window probed every 3 h for 10 years (issue 22's rto-initial = 3h) sends 29,000 probes that
 * differ only in their timestamps: with one hash code between them the ladder never finished.
 */
class SegmentHashTest {
    private static final SockAddr A = SockAddr.of("10.0.0.1", 40000);
    private static final SockAddr B = SockAddr.of("10.0.0.2", 80);

    private static Segment probe(long tsVal, long tsEcr, int window) {
        return new Segment(A, B, 1000, 2000, Flags.ACK, window, 0, tsVal, tsEcr, Segment.NO_PAYLOAD, 1);
    }

    @Test
    void probes_that_differ_only_in_their_timestamps_spread_over_hash_codes() {
        Set<Integer> codes = new HashSet<>();
        IntStream.range(0, 1_000).forEach(i -> codes.add(probe(10_800_000L * i, 7, 0).hashCode()));
        assertThat(codes).hasSizeGreaterThan(990);
        IntStream.range(0, 1_000).forEach(i -> codes.add(probe(1, 10_800_000L * i + 3, 0).hashCode()));
        assertThat(codes).hasSizeGreaterThan(1_980);
    }

    @Test
    void equal_segments_still_have_equal_hash_codes_and_window_and_sack_count() {
        assertThat(probe(5, 6, 0)).isEqualTo(probe(5, 6, 0)).hasSameHashCodeAs(probe(5, 6, 0));
        assertThat(probe(5, 6, 0).hashCode()).isNotEqualTo(probe(5, 6, 1).hashCode());
        Segment sack = new Segment(A, B, 1000, 2000, Flags.ACK, 0, 0, 5, 6, Segment.NO_PAYLOAD, 1, Segment.NO_WSCALE, false, new int[]{3000, 4000});
        assertThat(sack.hashCode()).isNotEqualTo(probe(5, 6, 0).hashCode());
    }
}
