package io.tcpemu.runtime;

import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's reproducibility promise at the level of a whole emulation: three hosts, lossy links
 * with jitter and duplication, many overlapping connections, all seeded. Two runs with the same
 * seed give the same trace, compared by hash; another seed gives another trace.
 */
class EmulationReproducibilityTest {
    private static final SockAddr SERVER = SockAddr.of("10.0.0.2", 80);

    /** What one run produced: the trace's SHA-256 and a few facts showing the randomness was exercised. */
    private record Run(String hash, int events, long drops, long duplicates, long retransmissions, long connections) {}

    private static Run run(long seed) {
        try (RuntimeFixture fx = new RuntimeFixture(seed, true)) {
            LinkParams lossy = LinkParams.ofDelay(5 * MILLISECOND)
                    .withJitter(new Jitter(Jitter.Distribution.NORMAL, 2 * MILLISECOND))
                    .withLoss(0.05)
                    .withDuplicate(0.02, 3 * MILLISECOND)
                    .withReorder(0.02, 4 * MILLISECOND);
            fx.start(Topology.builder().seed(seed)
                    .host("c1", "10.0.0.1", Profile.LINUX.config())
                    .host("s", "10.0.0.2", Profile.LINUX.config())
                    .host("c2", "10.0.0.3", Profile.RFC9293.config())
                    .link("c1", "s", lossy)
                    .link("c2", "s", lossy)
                    .build());
            ChurnWorkload.start(fx, "s", SERVER, List.of("c1", "c2"), Duration.ofMillis(100));
            fx.clock.advanceTo(10 * SECOND);
            return summarize(fx.events());
        }
    }

    private static Run summarize(List<TraceEvent> events) {
        MessageDigest sha = sha256();
        for (TraceEvent e : events) sha.update((e + "\n").getBytes(StandardCharsets.UTF_8));
        List<SegmentEvent> segments = events.stream().filter(SegmentEvent.class::isInstance).map(SegmentEvent.class::cast).toList();
        return new Run(HexFormat.of().formatHex(sha.digest()), events.size(),
                segments.stream().filter(s -> s.action() == SegmentAction.DROPPED).count(),
                segments.stream().filter(s -> s.action() == SegmentAction.DUPLICATED).count(),
                segments.stream().filter(SegmentEvent::retransmission).count(),
                events.stream().filter(TraceEvent.StateChanged.class::isInstance).map(TraceEvent.StateChanged.class::cast)
                        .map(s -> s.host() + "#" + s.connId()).distinct().count());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void two_runs_of_the_same_seeded_topology_give_the_same_trace_hash_and_another_seed_another() {
        Run first = run(42), second = run(42), other = run(43);

        assertThat(first.connections()).as("connection ends traced").isGreaterThan(300);
        assertThat(first.drops()).as("segments lost").isGreaterThan(20);
        assertThat(first.duplicates()).as("segments duplicated").isGreaterThan(5);
        assertThat(first.retransmissions()).as("retransmissions").isGreaterThan(20);
        assertThat(second).isEqualTo(first);
        assertThat(other.hash()).as("another seed, another trace").isNotEqualTo(first.hash());
    }
}
