package io.tcpemu.tcp;

/**
 * Every protocol parameter and policy the core obeys. Times are in microseconds.
 * Build one from a {@link Profile} and change what an experiment varies with the
 * {@code with*} methods.
 *
 * @param mss                  maximum segment size we announce and send, bytes
 * @param receiveWindow        the receive space, bytes: what the receiver holds (0..65535 without window scaling,
 *                             up to 2^30 with it); under {@link WindowRules#LINUX} Linux's tcp_full_space (half the
 *                             receive buffer), whose MSS multiple is the first window offered
 * @param sendBuffer           how many unacknowledged plus unsent bytes the sender holds
 * @param msl                  maximum segment lifetime
 * @param timeWait             how long TIME-WAIT lasts (2·MSL unless an experiment shortens it)
 * @param rtoInitial           RTO before any RTT sample (RFC 6298 §2.1)
 * @param rtoMin               lower bound of the RTO (RFC 6298 §2.4)
 * @param rtoMax               upper bound of the RTO, also caps the backoff
 * @param synRetries           retransmissions of a SYN before ETIMEDOUT
 * @param synAckRetries        retransmissions of a SYN-ACK before the half-open connection is dropped
 * @param dataRetries          retransmissions of data or FIN before ETIMEDOUT
 * @param finWait2Timeout      how long an orphaned (fully closed) FIN-WAIT-2 connection lives; 0 = forever
 * @param rstInTimeWait        what a RST does to a TIME-WAIT connection
 * @param synReopensTimeWait   whether a new SYN with a higher sequence number (or newer timestamp) may
 *                             reuse a 4-tuple that is in TIME-WAIT (RFC 9293 §3.6.1, RFC 6191)
 * @param challengeAcks        RFC 5961: answer in-window but inexact RSTs and SYNs with a challenge ACK
 * @param rstOnCloseWithUnread close() with unread received data sends RST instead of FIN (RFC 2525 §2.17)
 * @param timestamps           send and honour the RFC 7323 timestamp option
 * @param bufferOutOfOrder     keep out-of-order segments until the gap fills (else drop them)
 * @param handshake            the three-way handshake, or the broken two-way variant for the experiment
 * @param activeResetAck       abort (and close with unread data) sends RST+ACK acknowledging RCV.NXT, as
 *                             Linux's {@code tcp_send_active_reset} does ("R." in tcpdump), instead of
 *                             RFC 9293's bare {@code <SEQ=SND.NXT><CTL=RST>}
 * @param synLinearTimeouts    Linux's tcp_syn_linear_timeouts: the first this many SYN retransmissions keep
 *                             the initial RTO (no backoff), and with any, connect gives up by time, once
 *                             {@code synRetries} exponential retries would have passed (Linux's
 *                             {@code retransmits_timed_out}); 0: back off from the first, give up by count
 * @param delayedAck           Linux's delayed ACKs (quick-ACK at the start, then up to 40-200 ms, see
 *                             {@link DelayedAck}) instead of an ACK for every segment at once
 * @param timeWaitRules        how TIME-WAIT answers segments and how long it lasts: RFC 9293's rules, or
 *                             Linux's {@code tcp_timewait_state_process} (see {@link TimeWaitRules})
 * @param synResendAfterBadAck Linux: after answering an unacceptable ACK in SYN-SENT with RST, resend the SYN
 *                             after {@link #SYN_RESEND_AFTER_BAD_ACK} instead of the RTO (the kernel assumes
 *                             the peer's stray ACK may have been meant for an old connection that our RST ends)
 * @param dropSynFin           a segment with both SYN and FIN to a listener is dropped (Linux) instead of
 *                             answered with a SYN-ACK (RFC 9293 takes the SYN and keeps the FIN for later)
 * @param resetErrors          which error a RST gives the user in each state (see {@link ResetErrors})
 * @param windowRules          how the advertised window is chosen (see {@link WindowRules})
 * @param windowScaling        offer the RFC 7323 window scale option on SYNs (used when both ends offer it)
 * @param sack                 offer SACK-permitted (RFC 2018) on SYNs (used when both ends offer it)
 * @param receiveBufferMax     the largest receive buffer autotuning may reach, bytes (Linux: max of tcp_rmem[2] and
 *                             rmem_max): the window scale is chosen so that a window this large fits in 16 bits
 */
public record TcpConfig(
        int mss, int receiveWindow, int sendBuffer,
        long msl, long timeWait,
        long rtoInitial, long rtoMin, long rtoMax,
        int synRetries, int synAckRetries, int dataRetries,
        long finWait2Timeout,
        RstInTimeWait rstInTimeWait, boolean synReopensTimeWait, boolean challengeAcks,
        boolean rstOnCloseWithUnread, boolean timestamps, boolean bufferOutOfOrder,
        Handshake handshake, boolean activeResetAck, int synLinearTimeouts, boolean delayedAck,
        TimeWaitRules timeWaitRules, boolean synResendAfterBadAck, boolean dropSynFin, ResetErrors resetErrors,
        WindowRules windowRules, boolean windowScaling, boolean sack, int receiveBufferMax) {

    /** What a RST does to a connection in TIME-WAIT. */
    public enum RstInTimeWait {
        /** RFC 1337: ignore it, so TIME-WAIT cannot be assassinated. */
        IGNORE,
        /** RFC 9293 and Linux: the RST closes the connection at once. */
        CLOSE
    }

    /** How a connection in TIME-WAIT answers, and how long TIME-WAIT lasts when not configured. */
    public enum TimeWaitRules {
        /**
         * RFC 9293 §3.10.7.4: the acceptability test, then RST, SYN, FIN and data rules; a bare ACK
         * is ignored; an unset TIME-WAIT length follows MSL (2·MSL).
         */
        RFC9293,
        /**
         * Linux's tcp_timewait_state_process: a bare ACK or RST exactly at RCV.NXT is taken silently (the
         * ACK restarts the timer, the RST ends TIME-WAIT); any other segment gets an ACK (one carrying ACK
         * also restarts the timer), except a RST, which is ignored; a SYN reopening the tuple gets a
         * SYN-ACK with ISN = old SND.NXT + 65537. TIME-WAIT lasts a fixed TCP_TIMEWAIT_LEN, whatever MSL is.
         */
        LINUX
    }

    /** How the receiver chooses the window it advertises. */
    public enum WindowRules {
        /** RFC 9293 §3.8.6.2: the free space of the receive buffer, shifted right by the window scale. */
        RFC9293,
        /**
         * Linux's tcp_select_initial_window and tcp_select_window: the first window is the receive space
         * rounded down to a multiple of the MSS (less 12 bytes of timestamps in a SYN-ACK), capped at 65535 in
         * a SYN; later ones are the free space (at most the first window) rounded up to the scale's unit, and
         * never less than what is left of the window already offered (the right edge does not retreat).
         */
        LINUX
    }

    /** The error a RST in a synchronized state leaves for the user's next call. */
    public enum ResetErrors {
        /**
         * RFC 9293 §3.10.7.4: "connection refused" in SYN-RECEIVED after an active open, "connection
         * reset" in ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2 and CLOSE-WAIT, nothing in CLOSING and LAST-ACK.
         */
        RFC9293,
        /**
         * Linux's tcp_reset: ECONNRESET in every synchronized state (SYN-RECEIVED after a simultaneous open,
         * CLOSING and LAST-ACK too) except CLOSE-WAIT, where the peer had finished: EPIPE.
         */
        LINUX
    }

    /** How connections are opened. */
    public enum Handshake {
        /** SYN, SYN-ACK, ACK. */
        THREE_WAY,
        /** Deliberately broken: the server is ESTABLISHED on receiving a SYN, the client on the SYN-ACK,
         * and no third segment is sent. Exists only to show why two segments are not enough. */
        TWO_WAY
    }

    /** RFC 7323 §2.3: a scale of at most 14, so a window of at most 2^30 bytes. */
    public static final int MAX_WINDOW_SCALE = 14;
    public static final int MAX_SCALED_WINDOW = 1 << 30;
    public static final long SECOND = 1_000_000L;
    public static final long MILLISECOND = 1_000L;
    /** Linux's TCP_TIMEOUT_MIN: two jiffies at CONFIG_HZ 250 (see {@code synResendAfterBadAck}). */
    public static final long SYN_RESEND_AFTER_BAD_ACK = 8 * MILLISECOND;
    /** Linux's tcp_invalid_ratelimit: at most one ACK per this long from TIME-WAIT to segments without data or FIN. */
    public static final long INVALID_RATELIMIT = 500 * MILLISECOND;

    public TcpConfig {
        if (mss <= 0) throw new IllegalArgumentException("mss must be positive: " + mss);
        if (receiveWindow < 0 || receiveWindow > (windowScaling ? MAX_SCALED_WINDOW : 65535))
            throw new IllegalArgumentException("receiveWindow out of range 0-" + (windowScaling ? MAX_SCALED_WINDOW : 65535) + ": " + receiveWindow);
        if (rtoMin <= 0 || rtoInitial < rtoMin || rtoMax < rtoInitial)
            throw new IllegalArgumentException("need 0 < rtoMin <= rtoInitial <= rtoMax");
        if (timeWait < 0 || msl < 0) throw new IllegalArgumentException("msl and timeWait must not be negative");
        if (synLinearTimeouts < 0) throw new IllegalArgumentException("synLinearTimeouts must not be negative: " + synLinearTimeouts);
        if (timeWaitRules == null || resetErrors == null || windowRules == null)
            throw new IllegalArgumentException("timeWaitRules, resetErrors and windowRules must be given");
        if (receiveBufferMax < 0) throw new IllegalArgumentException("receiveBufferMax must not be negative: " + receiveBufferMax);
    }

    /** Without the policies added with the Linux TIME-WAIT rules (RFC 9293's), as callers built before them call it. */
    public TcpConfig(int mss, int receiveWindow, int sendBuffer, long msl, long timeWait,
                     long rtoInitial, long rtoMin, long rtoMax, int synRetries, int synAckRetries, int dataRetries,
                     long finWait2Timeout, RstInTimeWait rstInTimeWait, boolean synReopensTimeWait, boolean challengeAcks,
                     boolean rstOnCloseWithUnread, boolean timestamps, boolean bufferOutOfOrder, Handshake handshake,
                     boolean activeResetAck, int synLinearTimeouts, boolean delayedAck) {
        this(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries,
                dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread,
                timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck,
                TimeWaitRules.RFC9293, false, false, ResetErrors.RFC9293, WindowRules.RFC9293, false, false, 0);
    }

    /** Without the policies added later ({@code activeResetAck} off), as config loaders built before them call it. */
    public TcpConfig(int mss, int receiveWindow, int sendBuffer, long msl, long timeWait,
                     long rtoInitial, long rtoMin, long rtoMax, int synRetries, int synAckRetries, int dataRetries,
                     long finWait2Timeout, RstInTimeWait rstInTimeWait, boolean synReopensTimeWait, boolean challengeAcks,
                     boolean rstOnCloseWithUnread, boolean timestamps, boolean bufferOutOfOrder, Handshake handshake) {
        this(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries,
                dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread,
                timestamps, bufferOutOfOrder, handshake, false, 0, false);
    }

    /** Without {@code delayedAck} (off), as callers built before it call it. */
    public TcpConfig(int mss, int receiveWindow, int sendBuffer, long msl, long timeWait,
                     long rtoInitial, long rtoMin, long rtoMax, int synRetries, int synAckRetries, int dataRetries,
                     long finWait2Timeout, RstInTimeWait rstInTimeWait, boolean synReopensTimeWait, boolean challengeAcks,
                     boolean rstOnCloseWithUnread, boolean timestamps, boolean bufferOutOfOrder, Handshake handshake,
                     boolean activeResetAck) {
        this(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries,
                dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread,
                timestamps, bufferOutOfOrder, handshake, activeResetAck, 0, false);
    }

    public static TcpConfig defaults() { return Profile.RFC9293.config(); }

    /**
     * The window scale this end offers (RFC 7323), or -1 for none: Linux's choice, the smallest shift
     * that lets the largest buffer ({@code receiveBufferMax}, or the receive space if larger) fit in 16 bits.
     */
    public int windowScale() {
        if (!windowScaling) return -1;
        long space = Math.max(receiveWindow, receiveBufferMax);
        int log2 = 63 - Long.numberOfLeadingZeros(Math.max(1, space));
        return Math.max(0, Math.min(MAX_WINDOW_SCALE, log2 - 15));
    }

    public TcpConfig withMsl(long v) { return new TcpConfig(mss, receiveWindow, sendBuffer, v, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withTimeWait(long v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, v, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withRto(long initial, long min, long max) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, initial, min, max, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withRetries(int syn, int synAck, int data) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, syn, synAck, data, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withFinWait2Timeout(long v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, v, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withRstInTimeWait(RstInTimeWait v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, v, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withSynReopensTimeWait(boolean v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, v, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withChallengeAcks(boolean v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, v, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withRstOnCloseWithUnread(boolean v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, v, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withTimestamps(boolean v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, v, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withBufferOutOfOrder(boolean v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, v, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withActiveResetAck(boolean v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, v, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withDelayedAck(boolean v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, v, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withSynLinearTimeouts(int v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, v, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withTimeWaitRules(TimeWaitRules v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, v, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withSynResendAfterBadAck(boolean v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, v, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withDropSynFin(boolean v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, v, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withResetErrors(ResetErrors v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, v, windowRules, windowScaling, sack, receiveBufferMax); }
    public TcpConfig withHandshake(Handshake v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, v, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
    /** The largest buffer autotuning may reach; 0 for a socket whose buffer the application fixed (SO_RCVBUF). */
    public TcpConfig withReceiveBufferMax(int v) { return new TcpConfig(mss, receiveWindow, sendBuffer, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, v); }
    public TcpConfig withWindow(int mssBytes, int receiveWindowBytes, int sendBufferBytes) { return new TcpConfig(mssBytes, receiveWindowBytes, sendBufferBytes, msl, timeWait, rtoInitial, rtoMin, rtoMax, synRetries, synAckRetries, dataRetries, finWait2Timeout, rstInTimeWait, synReopensTimeWait, challengeAcks, rstOnCloseWithUnread, timestamps, bufferOutOfOrder, handshake, activeResetAck, synLinearTimeouts, delayedAck, timeWaitRules, synResendAfterBadAck, dropSynFin, resetErrors, windowRules, windowScaling, sack, receiveBufferMax); }
}
