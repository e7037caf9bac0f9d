package io.tcpemu.tcp;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static io.tcpemu.tcp.NoSocketTest.A;
import static io.tcpemu.tcp.NoSocketTest.B;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** What holds for any segment arriving in TIME-WAIT, under any of the policies. */
class TimeWaitPropertiesTest {
    private static final long NOW = 50 * SECOND;
    private static final TimeWaitEntry ENTRY = new TimeWaitEntry(new FourTuple(A, B), 501, 901,
            5_000, 10 * SECOND, 10 * SECOND + 60 * SECOND, 7);

    @Provide
    Arbitrary<Segment> segments() {
        // Sequence numbers near RCV.NXT and anywhere, so both sides of every check are reached.
        Arbitrary<Integer> seq = Arbitraries.oneOf(Arbitraries.integers().between(901 - 70_000, 901 + 70_000),
                Arbitraries.integers());
        return Combinators.combine(seq, Arbitraries.integers(), Arbitraries.integers().between(0, 31),
                        Arbitraries.integers().between(0, 20), Arbitraries.longs().between(-1, 10_000))
                .as((s, ack, flags, len, ts) -> new Segment(B, A, s, ack, flags, 1000, 0, ts,
                        Segment.NO_TIMESTAMP, new byte[len], 8));
    }

    @Provide
    Arbitrary<TcpConfig> configs() {
        return Combinators.combine(Arbitraries.of(Profile.values()), Arbitraries.of(TcpConfig.RstInTimeWait.values()),
                        Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((p, rst, reopen, challenge) -> p.config().withRstInTimeWait(rst)
                        .withSynReopensTimeWait(reopen).withChallengeAcks(challenge));
    }

    @Property(tries = 300)
    void a_reply_is_always_the_entrys_ack_and_a_rst_only_gets_a_challenge_ack(
            @ForAll("segments") Segment seg, @ForAll("configs") TcpConfig config) {
        TimeWait.Result r = TimeWait.handleSegment(ENTRY, seg, NOW, config);

        // RFC 5961 answers an in-window, inexact RST with a challenge ACK; nothing else answers a RST.
        if (seg.isRst() && !config.challengeAcks()) assertThat(r.reply()).isNull();
        if (r.verdict() == TimeWait.Verdict.REPLY) {
            assertThat(r.reply()).isEqualTo(TimeWait.ack(r.entry(), NOW, config));
            assertThat(r.reply().seq()).isEqualTo(ENTRY.sndNxt());
            assertThat(r.reply().ack()).isEqualTo(ENTRY.rcvNxt());
        } else {
            assertThat(r.reply()).isNull();
        }
    }

    @Property(tries = 300)
    void the_timer_only_ever_restarts_in_full(@ForAll("segments") Segment seg, @ForAll("configs") TcpConfig config) {
        TimeWait.Result r = TimeWait.handleSegment(ENTRY, seg, NOW, config);
        if (r.entry() == null) return;
        assertThat(r.entry().expiresAt()).isIn(ENTRY.expiresAt(), NOW + config.timeWait());
        assertThat(r.entry().tuple()).isEqualTo(ENTRY.tuple());
        assertThat(r.entry().rcvNxt()).isEqualTo(ENTRY.rcvNxt());
        assertThat(r.entry().sndNxt()).isEqualTo(ENTRY.sndNxt());
    }

    @Property(tries = 300)
    void only_a_bare_syn_reopens_and_only_a_rst_closes(@ForAll("segments") Segment seg, @ForAll("configs") TcpConfig config) {
        TimeWait.Verdict v = TimeWait.handleSegment(ENTRY, seg, NOW, config).verdict();
        if (v == TimeWait.Verdict.REOPEN) {
            assertThat(seg.isSyn() && !seg.isAck() && !seg.isRst() && config.synReopensTimeWait()).isTrue();
        }
        if (v == TimeWait.Verdict.CLOSE) {
            assertThat(seg.isRst() && config.rstInTimeWait() == TcpConfig.RstInTimeWait.CLOSE).isTrue();
        }
    }
}
