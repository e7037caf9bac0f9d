package io.tcpemu.tcp;

/**
 * The TIME-WAIT rules, in one place, for a connection held as a {@link TimeWaitEntry}
 * (RFC 9293 §3.10.7.4, RFC 1337, RFC 5961, RFC 6191). {@link Connection} in TIME-WAIT uses the
 * same rules, so an endpoint and a host table answer alike.
 *
 * <p>The order of the checks, and why:
 * <ol>
 *   <li>a SYN that may reopen the tuple (RFC 9293 §3.6.1, RFC 6191) — before the window check,
 *       since a new incarnation's ISN is usually far beyond the old window;</li>
 *   <li>a retransmitted FIN (our ACK of it was lost): ACK it again and restart the timer;</li>
 *   <li>the sequence check: an unacceptable segment gets an ACK, an unacceptable RST nothing;</li>
 *   <li>RST: the {@link TcpConfig#rstInTimeWait()} policy (with RFC 5961, only an exact RST kills);</li>
 *   <li>SYN (not reopening): an ACK, which is also RFC 5961's challenge ACK;</li>
 *   <li>FIN: ACK and restart the timer; data: ACK; a bare ACK: nothing, or two TIME-WAIT ends
 *       would acknowledge each other's ACKs for ever.</li>
 * </ol>
 * Under {@link TcpConfig.TimeWaitRules#LINUX} the rules are Linux's {@code tcp_timewait_state_process}
 * instead (see {@link #linux}).
 */
public final class TimeWait {
    private TimeWait() {}

    /** What a segment arriving in TIME-WAIT leads to. */
    public enum Verdict {
        /** Nothing to do. */
        IGNORE,
        /** Send {@link Result#reply()} (an ACK); if {@link Result#entry()} changed, its timer restarted. */
        REPLY,
        /** The entry is gone (a RST closed it, policy CLOSE); {@link Result#reply()} is null. */
        CLOSE,
        /** A new SYN may open a new incarnation: drop the entry and handle the SYN as if in LISTEN/CLOSED. */
        REOPEN
    }

    /** @param entry the entry after the segment (a FIN restarts the 2·MSL timer); null for CLOSE/REOPEN */
    public record Result(Verdict verdict, Segment reply, TimeWaitEntry entry) {}

    public static Result handleSegment(TimeWaitEntry entry, Segment segment, long now, TcpConfig config) {
        if (config.timeWaitRules() == TcpConfig.TimeWaitRules.LINUX) return linux(entry, segment, now, config);
        if (reopens(entry, segment, config)) return new Result(Verdict.REOPEN, null, null);
        if (isRetransmittedFin(entry, segment)) return restartAndAck(entry, segment, now, config);
        if (!acceptable(entry, segment, config)) {
            return segment.isRst() ? ignore(entry) : reply(entry, now, config);
        }
        TimeWaitEntry seen = withTimestamp(entry, segment);
        if (segment.isRst()) return onRst(seen, segment, now, config);
        if (segment.isSyn()) return reply(seen, now, config);
        if (!segment.isAck()) return ignore(seen);
        if (segment.isFin()) return restartAndAck(seen, segment, now, config);
        if (segment.length() > 0) return reply(seen, now, config);
        return ignore(seen);
    }

    /**
     * Linux's tcp_timewait_state_process:
     * <ol>
     *   <li>PAWS (RFC 7323 §5): a segment whose timestamp is older than the last seen is an old duplicate,
     *       and none of the next two rules apply to it;</li>
     *   <li>a bare ACK or a RST exactly at RCV.NXT: the RST ends TIME-WAIT (unless RFC 1337), the ACK
     *       restarts the timer; nothing is sent;</li>
     *   <li>a SYN that may reopen the tuple;</li>
     *   <li>any other RST: ignored (no challenge ACK);</li>
     *   <li>anything else — an ACK elsewhere, a retransmitted FIN, data, an old SYN, an old duplicate: an
     *       ACK, and one carrying ACK (or rejected by PAWS) restarts the timer. The ACK is rate limited
     *       (tcp_oow_rate_limited): for a segment without data or FIN, or a SYN, at most one per
     *       {@link TcpConfig#INVALID_RATELIMIT}.</li>
     * </ol>
     */
    private static Result linux(TimeWaitEntry entry, Segment segment, long now, TcpConfig config) {
        boolean atRcvNxt = segment.seq() == entry.rcvNxt();
        boolean paws = pawsRejects(entry, segment, config);
        if (!paws && atRcvNxt && segment.isRst()) {
            if (config.rstInTimeWait() == TcpConfig.RstInTimeWait.CLOSE) return new Result(Verdict.CLOSE, null, null);
            return ignore(withTimestamp(entry, segment));
        }
        if (!paws && atRcvNxt && segment.seqLength() == 0) {
            TimeWaitEntry seen = withTimestamp(entry, segment);
            return ignore(restarted(seen, seen.tsRecent(), now, config));
        }
        if (!paws && reopens(entry, segment, config)) return new Result(Verdict.REOPEN, null, null);
        if (segment.isRst()) return ignore(entry);
        TimeWaitEntry kept = segment.isAck() || paws ? restarted(entry, entry.tsRecent(), now, config) : entry;
        boolean limited = segment.length() == 0 && !segment.isFin() || segment.isSyn();
        if (!limited) return reply(kept, now, config);
        if (entry.lastOowAck() >= 0 && now - entry.lastOowAck() < TcpConfig.INVALID_RATELIMIT) return ignore(kept);
        return reply(kept.ackedAt(now), now, config);
    }

    /** Linux's tcp_paws_reject in TIME-WAIT: an older timestamp than TS.Recent (a RST too). */
    private static boolean pawsRejects(TimeWaitEntry entry, Segment segment, TcpConfig config) {
        return config.timestamps() && entry.tsRecent() != Segment.NO_TIMESTAMP && segment.hasTimestamp()
                && Seq.lt((int) segment.tsVal(), (int) entry.tsRecent());
    }

    /**
     * The ISN of the connection a SYN reopening this TIME-WAIT tuple starts, or -1 to take one from
     * the ISN generator: Linux's old SND.NXT + 65535 + 2 (never 0), so the new sequence space starts
     * clear of the old one's largest window; RFC 9293's generator (RFC 6528) is already beyond it.
     */
    public static long reopenIsn(TimeWaitEntry entry, TcpConfig config) {
        if (config.timeWaitRules() != TcpConfig.TimeWaitRules.LINUX) return -1;
        int isn = entry.sndNxt() + 65537;
        return (isn == 0 ? 1 : isn) & 0xFFFF_FFFFL;
    }

    /** The ACK a TIME-WAIT end sends: {@code <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>}. */
    public static Segment ack(TimeWaitEntry entry, long now, TcpConfig config) {
        boolean ts = config.timestamps() && entry.tsRecent() != Segment.NO_TIMESTAMP;
        return new Segment(entry.tuple().local(), entry.tuple().remote(), entry.sndNxt(), entry.rcvNxt(),
                Flags.ACK, entry.window() >= 0 ? entry.window() : Math.min(config.receiveWindow(), 65535), 0,
                ts ? tsVal(now, entry.tsOffset()) : Segment.NO_TIMESTAMP, ts ? entry.tsRecent() : Segment.NO_TIMESTAMP,
                Segment.NO_PAYLOAD, entry.origin());
    }

    /** Our RFC 7323 TSval for {@code now}: a millisecond clock, as Linux's. */
    public static long timestampClock(long now) {
        return now / TcpConfig.MILLISECOND;
    }

    /** The TSval we send at {@code now}: the clock plus the connection's offset, modulo 2^32. */
    public static long tsVal(long now, int offset) {
        return (timestampClock(now) + (offset & 0xFFFF_FFFFL)) & 0xFFFF_FFFFL;
    }

    /**
     * RFC 9293 §3.6.1 / RFC 1122 §4.2.2.13: a bare SYN whose sequence number is beyond everything
     * the old incarnation used may start a new one; RFC 6191: or, with timestamps on both sides,
     * one whose timestamp is newer than the last seen.
     */
    static boolean reopens(TimeWaitEntry entry, Segment segment, TcpConfig config) {
        if (!config.synReopensTimeWait() || !segment.isSyn() || segment.isAck() || segment.isRst()) return false;
        if (Seq.gt(segment.seq(), entry.rcvNxt())) return true;
        return config.timestamps() && segment.hasTimestamp() && entry.tsRecent() != Segment.NO_TIMESTAMP
                && Seq.gt((int) segment.tsVal(), (int) entry.tsRecent());
    }

    /** The peer's FIN once more: it ends exactly where our receive sequence stands. */
    private static boolean isRetransmittedFin(TimeWaitEntry entry, Segment segment) {
        return segment.isFin() && !segment.isRst() && !segment.isSyn()
                && Seq.add(segment.seq(), segment.seqLength()) == entry.rcvNxt();
    }

    /** The acceptability test of RFC 9293 §3.10.7.4, with our fixed receive window. */
    static boolean acceptable(TimeWaitEntry entry, Segment segment, TcpConfig config) {
        int rcvNxt = entry.rcvNxt();
        int wnd = config.receiveWindow();
        int len = segment.seqLength();
        int seq = segment.seq();
        if (wnd == 0) return len == 0 && seq == rcvNxt;
        int end = Seq.add(rcvNxt, wnd);
        if (len == 0) return Seq.inWindow(seq, rcvNxt, end);
        return Seq.inWindow(seq, rcvNxt, end) || Seq.inWindow(Seq.add(seq, len - 1), rcvNxt, end);
    }

    private static Result onRst(TimeWaitEntry entry, Segment segment, long now, TcpConfig config) {
        if (config.rstInTimeWait() == TcpConfig.RstInTimeWait.IGNORE) return ignore(entry);
        if (config.challengeAcks() && segment.seq() != entry.rcvNxt()) return reply(entry, now, config);
        return new Result(Verdict.CLOSE, null, null);
    }

    private static Result restartAndAck(TimeWaitEntry entry, Segment segment, long now, TcpConfig config) {
        return reply(restarted(entry, newerTimestamp(entry, segment), now, config), now, config);
    }

    /** The entry with its timer started again from {@code now}. */
    private static TimeWaitEntry restarted(TimeWaitEntry entry, long tsRecent, long now, TcpConfig config) {
        return entry.with(tsRecent, now + config.timeWait());
    }

    private static TimeWaitEntry withTimestamp(TimeWaitEntry entry, Segment segment) {
        long ts = newerTimestamp(entry, segment);
        if (ts == entry.tsRecent()) return entry;
        return entry.with(ts, entry.expiresAt());
    }

    private static long newerTimestamp(TimeWaitEntry entry, Segment segment) {
        // Timestamps are kept only if the connection used them; a stray one does not start them.
        if (!segment.hasTimestamp() || entry.tsRecent() == Segment.NO_TIMESTAMP) return entry.tsRecent();
        return Seq.gt((int) segment.tsVal(), (int) entry.tsRecent()) ? segment.tsVal() : entry.tsRecent();
    }

    private static Result reply(TimeWaitEntry entry, long now, TcpConfig config) {
        return new Result(Verdict.REPLY, ack(entry, now, config), entry);
    }

    private static Result ignore(TimeWaitEntry entry) {
        return new Result(Verdict.IGNORE, null, entry);
    }
}
