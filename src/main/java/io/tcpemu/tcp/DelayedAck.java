package io.tcpemu.tcp;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;

/**
 * Linux's delayed-ACK engine ({@code tcp_event_data_recv}, {@code __tcp_ack_snd_check},
 * {@code tcp_send_delayed_ack}, {@code tcp_delack_timer_handler}, {@code tcp_cleanup_rbuf} of
 * Linux 6.x), for the {@link TcpConfig#delayedAck()} policy. It decides only <em>when</em> an
 * ACK of in-order data (or of a FIN in ESTABLISHED) goes out; {@link Connection} asks it.
 *
 * <ul>
 *   <li><b>Quick-ACK</b>: the first data of a connection starts a budget of immediate ACKs
 *       (up to {@link #MAX_QUICKACKS}), spent one per ACK sent, unless the connection is interactive.</li>
 *   <li><b>Interactive (pingpong)</b>: we sent data within {@code ato} of receiving some, or the peer's
 *       FIN arrived in ESTABLISHED: ACKs wait to ride on our next segment. A delayed ACK that had to go
 *       alone ends it.</li>
 *   <li><b>ato</b>, the ACK timeout: {@link #ATO_MIN} at the first data, then adapted to the gaps between
 *       the peer's segments; the timer waits {@code min(ato, 200 ms when interactive else 500 ms, max(srtt, 40 ms))},
 *       at most {@link #DELACK_MAX}. Before any data {@code ato} is 0: the timer fires at the next tick.</li>
 *   <li>At once, whatever the above: more than one full segment unacknowledged.</li>
 * </ul>
 */
final class DelayedAck {
    /** TCP_ATO_MIN = TCP_DELACK_MIN: the shortest delay once data has arrived. */
    static final long ATO_MIN = 40 * MILLISECOND;
    /** TCP_DELACK_MAX: the longest an ACK waits. */
    static final long DELACK_MAX = 200 * MILLISECOND;
    /** HZ/2: the cap on ato for a one-way (bulk) connection, before DELACK_MAX. */
    private static final long ATO_MAX_BULK = 500 * MILLISECOND;
    /** TCP_MAX_QUICKACKS. */
    static final int MAX_QUICKACKS = 16;
    /** TCP_MSS_DEFAULT: the first guess at the peer's segment size. */
    private static final int MSS_DEFAULT = 536;
    /** One jiffy at CONFIG_HZ = 250 (this machine's kernel): a timer due "now" fires at the next tick. */
    static final long TICK = 4 * MILLISECOND;

    private int quick;
    private long ato;
    private long lastReceived;
    private boolean pingpong;
    /** The peer sent a segment shorter than a full one (ICSK_ACK_PUSHED), and again (PUSHED2). */
    private boolean pushed, pushed2;
    /** The peer's segment size as we see it (icsk_ack.rcv_mss). */
    private int rcvMss;
    /** RCV.NXT when we last sent an ACK (rcv_wup). */
    private int ackedUpTo;
    private long deadline = -1;

    DelayedAck(int ourMss, int window) {
        rcvMss = Math.max(1, Math.min(Math.min(ourMss, MSS_DEFAULT), Math.max(1, window / 2)));
    }

    /** tcp_event_data_recv: in-order bytes arrived at {@code now}. */
    void dataReceived(long now, int length, int window, long rto) {
        measure(length);
        if (ato == 0) {
            grantQuickAcks(window);
            ato = ATO_MIN;
        } else {
            long gap = now - lastReceived;
            if (gap <= ATO_MIN / 2) ato = (ato >> 1) + ATO_MIN / 2;
            else if (gap < ato) ato = Math.min((ato >> 1) + gap, rto);
            else if (gap > rto) grantQuickAcks(window);
        }
        lastReceived = now;
    }

    /** tcp_enter_quickack_mode: a duplicate arrived (our ACK was lost?): ACK at once for a while. */
    void enterQuickAck(int window) {
        grantQuickAcks(window);
        pingpong = false;
        ato = ATO_MIN;
    }

    /** The peer's FIN in ESTABLISHED: wait for our own FIN to carry the ACK. */
    void finReceived() { pingpong = true; }

    /** We sent data: if soon after receiving some, the connection is interactive. */
    void dataSent(long now) {
        if (now - lastReceived < ato) pingpong = true;
    }

    /** __tcp_ack_snd_check: must the ACK for everything up to {@code rcvNxt} go now? */
    boolean ackNow(int rcvNxt) {
        return rcvNxt - ackedUpTo > rcvMss || (quick > 0 && !pingpong);
    }

    /**
     * tcp_send_delayed_ack: when the ACK timer should fire, or -1 if an earlier one is about to
     * fire anyway and the ACK should go now.
     */
    long deadline(long now, long srtt) {
        long delay = ato;
        if (delay > ATO_MIN) {
            long max = pingpong || pushed ? DELACK_MAX : ATO_MAX_BULK;
            if (srtt > 0) max = Math.min(max, Math.max(srtt, ATO_MIN));
            delay = Math.min(delay, max);
        }
        delay = Math.max(Math.min(delay, DELACK_MAX), TICK);
        if (deadline >= 0) {
            if (deadline <= now + (delay >> 2)) return -1;
            return deadline;
        }
        deadline = now + delay;
        return deadline;
    }

    /** tcp_delack_timer_handler: the ACK had to go alone. */
    void timerFired(long rto) {
        if (pingpong) {
            pingpong = false;
            ato = ATO_MIN;
        } else {
            ato = Math.min(ato << 1, rto);
        }
    }

    /** tcp_cleanup_rbuf: after a read, the ACK goes now if the reader drained small segments. */
    boolean ackOnRead(int rcvNxt, boolean drained) {
        return rcvNxt - ackedUpTo > rcvMss || (drained && (pushed2 || (pushed && !pingpong)));
    }

    /** tcp_event_ack_sent: an ACK for everything up to {@code rcvNxt} left; {@code wasPending} if one was owed. */
    void ackSent(int rcvNxt, boolean wasPending) {
        if (wasPending && quick > 0 && --quick == 0) ato = ATO_MIN;
        ackedUpTo = rcvNxt;
        pushed = false;
        pushed2 = false;
        deadline = -1;
    }

    /** The ACK timer is no longer armed (fired or cancelled). */
    void timerGone() { deadline = -1; }

    /** Starts counting from the first byte the peer will send. */
    void start(int rcvNxt) { ackedUpTo = rcvNxt; }

    boolean interactive() { return pingpong; }

    int quickAcksLeft() { return quick; }

    long ato() { return ato; }

    /** tcp_measure_rcv_mss: the largest segment so far is the peer's MSS; a shorter one was pushed. */
    private void measure(int length) {
        if (length >= rcvMss) {
            rcvMss = length;
        } else {
            if (pushed) pushed2 = true;
            pushed = true;
        }
    }

    /** tcp_incr_quickack: about half a window's worth of segments, 2 to 16. */
    private void grantQuickAcks(int window) {
        int n = Math.min(Math.max(window / (2 * rcvMss), 2), MAX_QUICKACKS);
        if (n > quick) quick = n;
    }
}
