#!/usr/bin/env python3
"""Writes the state x event grid of packetdrill scripts (this folder's *.pkt) and prints the grid
as the Markdown table docs/pkt.md shows.

Each script takes the host under test to one RFC 9293 state, applies one event (a segment from
the peer or a call of the application), checks what the host answers, and then checks the state
the host is left in with a probe segment (an out-of-window segment: a connection answers it with
an ACK, a closed one with a RST), which also proves the host sent nothing else in between.
The expectations are Linux's, checked on the kernel (../shared/packetdrill/run-on-kernel.sh).

Run from this folder: python3 make-grid.py > grid.md
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

LISTENER = """0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
+0 bind(3, ..., ...) = 0
+0 listen(3, 1) = 0
"""
SYN_IN = "+0 < S 0:0(0) win 32792 <mss 1000>\n+0 > S. 0:0(0) ack 1 win 64240 <mss 1460>\n"
ESTABLISH = LISTENER + SYN_IN + "+.1 < . 1:1(0) ack 1 win 257\n+0 accept(3, ..., ...) = 4\n+0 fcntl(4, F_SETFL, O_RDWR|O_NONBLOCK) = 0\n"
ACTIVE = """0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0
+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
+0 > S 0:0(0) win 64240 <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 10>
"""

# state: (how it is reached, the connection's fd, P = the peer's next sequence number,
#         H = the host's SND.NXT, U = the host's SND.UNA, whether the peer has sent its FIN)
STATES = {
    "closed": ("fresh socket; for segments, a connection reset by SO_LINGER 0 with no listener left",
               None, None, None, None, False),
    "listen": ("socket, bind, listen", 3, None, None, None, False),
    "syn-sent": ("non-blocking connect", 3, None, 1, 0, False),
    "syn-received": ("listen, then the peer's SYN", 3, 1, 1, 0, False),
    "established": ("passive open, accept", 4, 1, 1, 1, False),
    "fin-wait-1": ("established, shutdown(SHUT_WR)", 4, 1, 2, 1, False),
    "fin-wait-2": ("fin-wait-1, the peer ACKs the FIN", 4, 1, 2, 2, False),
    "close-wait": ("established, the peer's FIN", 4, 2, 1, 1, True),
    "closing": ("fin-wait-1, the peer's FIN (not acking ours)", 4, 2, 2, 1, True),
    "last-ack": ("close-wait, shutdown(SHUT_WR)", 4, 2, 2, 1, True),
    "time-wait": ("fin-wait-2, the peer's FIN", 4, 2, 2, 2, True),
}

SETUP = {
    "listen": LISTENER,
    "syn-sent": ACTIVE,
    "syn-received": LISTENER + SYN_IN,
    "established": ESTABLISH,
    "fin-wait-1": ESTABLISH + "+.1 shutdown(4, SHUT_WR) = 0\n+0 > F. 1:1(0) ack 1\n",
    "fin-wait-2": ESTABLISH + "+.1 shutdown(4, SHUT_WR) = 0\n+0 > F. 1:1(0) ack 1\n+.05 < . 1:1(0) ack 2 win 257\n",
    "close-wait": ESTABLISH + "+.1 < F. 1:1(0) ack 1 win 257\n+0 > . 1:1(0) ack 2\n",
    "closing": ESTABLISH + "+.1 shutdown(4, SHUT_WR) = 0\n+0 > F. 1:1(0) ack 1\n+.05 < F. 1:1(0) ack 1 win 257\n+0 > . 2:2(0) ack 2\n",
    "last-ack": ESTABLISH + "+.1 < F. 1:1(0) ack 1 win 257\n+0 > . 1:1(0) ack 2\n+.1 shutdown(4, SHUT_WR) = 0\n+0 > F. 1:1(0) ack 2\n",
    "time-wait": ESTABLISH + "+.1 shutdown(4, SHUT_WR) = 0\n+0 > F. 1:1(0) ack 1\n+.05 < . 1:1(0) ack 2 win 257\n"
                 "+.05 < F. 1:1(0) ack 2 win 257\n+0 > . 2:2(0) ack 2\n",
}
# CLOSED for segments: the connection is gone and so is the listener.
CLOSED_TUPLE = ESTABLISH + "+0 close(3) = 0\n+0 setsockopt(4, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0\n" \
                           "+0 close(4) = 0\n+0 > R. 1:1(0) ack 1\n"
CLOSED_FD = "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0\n"

SEGMENT_EVENTS = ["syn", "syn-ack", "ack", "ack-out-of-window", "ack-unsent", "rst", "rst-in-window",
                  "rst-out-of-window", "fin", "data"]
CALL_EVENTS = ["connect", "listen", "accept", "write", "read", "shutdown-rd", "shutdown-wr", "shutdown-rdwr",
               "close", "close-unread", "linger-zero"]


def probe_open(p, h):
    """An out-of-window data segment: a connection answers with an ACK of what it has."""
    return f"+.05 < P. {p + 100000}:{p + 100010}(10) ack {h} win 257\n+0 > . {h}:{h}(0) ack {p}\n"


def probe_gone(h):
    """The same segment after the connection is gone: the listener (or nobody) answers with RST."""
    return f"+.05 < P. 100000:100010(10) ack {h} win 257\n+0 > R {h}:{h}(0)\n"


def segment(ev, p, h):
    """The segment the peer sends for an event in a synchronized state."""
    return {
        "syn": f"+.05 < S {p + 1000}:{p + 1000}(0) win 32792 <mss 1000>\n",
        "syn-ack": f"+.05 < S. {p + 1000}:{p + 1000}(0) ack {h} win 32792 <mss 1000>\n",
        "ack": f"+.05 < . {p}:{p}(0) ack {h} win 257\n",
        "ack-out-of-window": f"+.05 < . {p + 100000}:{p + 100000}(0) ack {h} win 257\n",
        "ack-unsent": f"+.05 < . {p}:{p}(0) ack {h + 1000} win 257\n",
        "rst": f"+.05 < R {p}:{p}(0) win 0\n",
        "rst-in-window": f"+.05 < R {p + 100}:{p + 100}(0) win 0\n",
        "rst-out-of-window": f"+.05 < R {p + 100000}:{p + 100000}(0) win 0\n",
        "fin": f"+.05 < F. {p}:{p}(0) ack {h} win 257\n",
        "data": f"+.05 < P. {p}:{p + 10}(10) ack {h} win 257\n",
    }[ev]


def synchronized(state, ev):
    """Linux's answer to a segment in a synchronized state, and the probe after it."""
    _, fd, p, h, u, fin_in = STATES[state]
    seg = segment(ev, p, h)
    ack = f"+0 > . {h}:{h}(0) ack {p}\n"
    if ev in ("syn", "syn-ack", "ack-out-of-window", "ack-unsent", "rst-in-window"):
        if state == "time-wait" and ev == "syn":
            # a SYN above RCV.NXT reopens the TIME-WAIT tuple: the listener answers it, ISN = old SND.NXT + 65537
            return seg + f"+0 > S. {h + 65537}:{h + 65537}(0) ack {p + 1001} win 64240 <mss 1460>\n"
        if state == "time-wait" and ev in ("rst-in-window", "ack-unsent"):
            return seg + probe_open(p, h)   # TIME-WAIT stays silent
        return seg + ack + probe_open(p, h)
    if ev == "ack":
        # in LAST-ACK this ACK acknowledges our FIN: the connection is closed
        return seg + (probe_gone(h) if state == "last-ack" else probe_open(p, h))
    if ev == "rst":
        return seg + probe_gone(h)
    if ev == "rst-out-of-window":
        return seg + probe_open(p, h)
    if ev == "fin":
        if fin_in:  # a retransmitted FIN, not acknowledging ours: ACKed again
            return f"+.05 < F. {p - 1}:{p - 1}(0) ack {u} win 257\n" + ack + probe_open(p, h)
        if state == "fin-wait-2":
            return seg + f"+0 > . {h}:{h}(0) ack {p + 1}\n" + probe_open(p + 1, h)
        if state == "fin-wait-1":
            return seg + f"+0 > . {h}:{h}(0) ack {p + 1}\n" + probe_open(p + 1, h)
        return seg + f"+0 > . {h}:{h}(0) ack {p + 1}\n" + probe_open(p + 1, h)
    if ev == "data":
        if state == "last-ack":  # the segment acknowledges our FIN: closed, the bytes are dropped
            return seg + probe_gone(h)
        if state == "time-wait":  # TIME-WAIT answers with an ACK
            return seg + ack + probe_open(p, h)
        if fin_in:  # bytes after the peer's FIN are not taken
            return seg + probe_open(p, h)
        return seg + f"+0 > . {h}:{h}(0) ack {p + 10}\n" + probe_open(p + 10, h)
    raise ValueError(ev)


def call(state, ev):
    """Linux's answer to a call of the application on the connection's fd, and the probe after it."""
    _, fd, p, h, u, fin_in = STATES[state]
    after_shut = state in ("fin-wait-1", "fin-wait-2", "closing", "last-ack", "time-wait")
    gone = state == "time-wait"
    probe = probe_open(p, h)
    if ev == "connect":
        return f"+.05 connect({fd}, ..., ...) = -1 EISCONN (Transport endpoint is already connected)\n" + probe
    if ev == "listen":
        # no probe: packetdrill treats the fd as a listener after a listen() call, even a failed one
        return f"+.05 listen({fd}, 1) = -1 EINVAL (Invalid argument)\n"
    if ev == "accept":
        return f"+.05 accept({fd}, ..., ...) = -1 EINVAL (Invalid argument)\n" + probe
    if ev == "write":
        if after_shut:
            return f"+.05 write({fd}, ..., 10) = -1 EPIPE (Broken pipe)\n" + probe
        return f"+.05 write({fd}, ..., 10) = 10\n+0 > P. {h}:{h + 10}(10) ack {p}\n" + probe_open(p, h + 10)
    if ev == "read":
        if fin_in:
            return f"+.05 read({fd}, ..., 100) = 0\n" + probe
        return f"+.05 read({fd}, ..., 100) = -1 EAGAIN (Resource temporarily unavailable)\n" + probe
    if ev == "shutdown-rd":
        if gone:
            return f"+.05 shutdown({fd}, SHUT_RD) = -1 ENOTCONN (Transport endpoint is not connected)\n" + probe
        return f"+.05 shutdown({fd}, SHUT_RD) = 0\n" + probe
    if ev in ("shutdown-wr", "shutdown-rdwr"):
        how = "SHUT_WR" if ev == "shutdown-wr" else "SHUT_RDWR"
        if gone:  # the fd's socket is CLOSED (TIME-WAIT lives on without it)
            return f"+.05 shutdown({fd}, {how}) = -1 ENOTCONN (Transport endpoint is not connected)\n" + probe
        if after_shut:
            return f"+.05 shutdown({fd}, {how}) = 0\n" + probe
        return f"+.05 shutdown({fd}, {how}) = 0\n+0 > F. {h}:{h}(0) ack {p}\n" + probe_open(p, h + 1)
    if ev == "close":
        if after_shut:
            return f"+.05 close({fd}) = 0\n" + probe
        return f"+.05 close({fd}) = 0\n+0 > F. {h}:{h}(0) ack {p}\n" + probe_open(p, h + 1)
    if ev == "close-unread":
        if fin_in:
            return None
        return (f"+.05 < P. {p}:{p + 10}(10) ack {h} win 257\n+0 > . {h}:{h}(0) ack {p + 10}\n"
                f"+.05 close({fd}) = 0\n+0 > R. {h}:{h}(0) ack {p + 10}\n" + probe_gone(h))
    if ev == "linger-zero":
        rst = "" if state in ("closing", "last-ack", "time-wait") else f"+0 > R. {h}:{h}(0) ack {p}\n"
        # TIME-WAIT is not the fd's any more: closing the fd leaves it in place
        return (f"+.05 setsockopt({fd}, SOL_SOCKET, SO_LINGER, {{onoff=1, linger=0}}, 8) = 0\n"
                f"+0 close({fd}) = 0\n" + rst + (probe if gone else probe_gone(h)))
    raise ValueError(ev)


def closed(ev):
    """CLOSED: a segment for a tuple with no connection and no listener; a call on a fresh socket."""
    if ev in SEGMENT_EVENTS:
        seg = segment(ev, 1, 1)
        if ev.startswith("rst"):
            return CLOSED_TUPLE + seg + probe_gone(1).replace("+0 > R", "+0 > R")
        if ev == "syn":  # the RST's sequence number is 0, which a script cannot write relative to the old ISN
            return None
        if ev == "syn-ack":
            return CLOSED_TUPLE + seg + "+0 > R 1:1(0)\n"
        if ev == "ack-unsent":
            return CLOSED_TUPLE + seg + "+0 > R 1001:1001(0)\n"
        return CLOSED_TUPLE + seg + "+0 > R 1:1(0)\n"
    body = {
        "connect": "+.1 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)\n+0 > S 0:0(0) win 64240 <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 10>\n",
        "listen": "+.1 bind(3, ..., ...) = 0\n+0 listen(3, 1) = 0\n+0 < S 0:0(0) win 32792 <mss 1000>\n+0 > S. 0:0(0) ack 1 win 64240 <mss 1460>\n",
        "accept": "+.1 accept(3, ..., ...) = -1 EINVAL (Invalid argument)\n",
        "write": "+.1 write(3, ..., 10) = -1 EPIPE (Broken pipe)\n",
        "read": "+.1 read(3, ..., 100) = -1 ENOTCONN (Transport endpoint is not connected)\n",
        "shutdown-rd": "+.1 shutdown(3, SHUT_RD) = -1 ENOTCONN (Transport endpoint is not connected)\n",
        "shutdown-wr": "+.1 shutdown(3, SHUT_WR) = -1 ENOTCONN (Transport endpoint is not connected)\n",
        "shutdown-rdwr": "+.1 shutdown(3, SHUT_RDWR) = -1 ENOTCONN (Transport endpoint is not connected)\n",
        "close": "+.1 close(3) = 0\n",  # (packetdrill cannot call a closed fd, so no EBADF line)
        "close-unread": None,
        "linger-zero": "+.1 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0\n+0 close(3) = 0\n",
    }[ev]
    return None if body is None else CLOSED_FD + body


def listen(ev):
    rst_for = lambda seg, r: LISTENER + seg + r + "+0 accept(3, ..., ...) = -1 EAGAIN (Resource temporarily unavailable)\n"
    nb = LISTENER + "+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0\n"
    syn_after = "+.1 < S 0:0(0) win 32792 <mss 1000>\n+0 > S. 0:0(0) ack 1 win 64240 <mss 1460>\n"
    return {
        "syn": LISTENER + SYN_IN,
        "syn-ack": nb + "+.1 < S. 0:0(0) ack 1 win 32792 <mss 1000>\n+0 > R 1:1(0)\n" + syn_after,
        "ack": nb + "+.1 < . 1:1(0) ack 1 win 257\n+0 > R 1:1(0)\n" + syn_after,
        "ack-out-of-window": None,
        "ack-unsent": None,
        "rst": nb + "+.1 < R 0:0(0) win 0\n" + syn_after,
        "rst-in-window": None,
        "rst-out-of-window": None,
        "fin": nb + "+.1 < F. 0:0(0) ack 1 win 257\n+0 > R 1:1(0)\n" + syn_after,
        "data": nb + "+.1 < P. 1:11(10) ack 1 win 257\n+0 > R 1:1(0)\n" + syn_after,
        "connect": nb + "+.1 connect(3, ..., ...) = -1 EISCONN (Transport endpoint is already connected)\n" + syn_after,
        "listen": nb + "+.1 listen(3, 5) = 0\n" + syn_after,
        "accept": nb + "+.1 accept(3, ..., ...) = -1 EAGAIN (Resource temporarily unavailable)\n" + syn_after,
        "write": nb + "+.1 write(3, ..., 10) = -1 EPIPE (Broken pipe)\n" + syn_after,
        "read": nb + "+.1 read(3, ..., 100) = -1 ENOTCONN (Transport endpoint is not connected)\n" + syn_after,
        "shutdown-rd": nb + "+.1 shutdown(3, SHUT_RD) = 0\n+.1 < S 0:0(0) win 32792 <mss 1000>\n+0 > R. 0:0(0) ack 1\n",
        "shutdown-wr": nb + "+.1 shutdown(3, SHUT_WR) = 0\n" + syn_after,
        "shutdown-rdwr": nb + "+.1 shutdown(3, SHUT_RDWR) = 0\n+.1 < S 0:0(0) win 32792 <mss 1000>\n+0 > R. 0:0(0) ack 1\n",
        "close": nb + "+.1 close(3) = 0\n+.1 < S 0:0(0) win 32792 <mss 1000>\n+0 > R. 0:0(0) ack 1\n",
        # a connection established but never accepted is reset when the listener closes
        "close-unread": LISTENER + SYN_IN + "+.1 < . 1:1(0) ack 1 win 257\n+.1 close(3) = 0\n+0 > R. 1:1(0) ack 1\n",
        "linger-zero": nb + "+.1 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0\n+0 close(3) = 0\n"
                            "+.1 < S 0:0(0) win 32792 <mss 1000>\n+0 > R. 0:0(0) ack 1\n",
    }[ev]


def syn_sent(ev):
    s = ACTIVE
    retrans = "1 > S 0:0(0) win 64240 <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 10>\n"  # the first retransmission, 1 s after the SYN
    # after a RST for a bad ACK, Linux sends its SYN again at once (within ~20 ms), not at the RTO
    resend = "+.005~+.04 > S 0:0(0) win 64240 <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 10>\n"
    refused_probe = "+.1 < S. 0:0(0) ack 1 win 5792 <mss 1460>\n+0 > R 1:1(0)\n"
    return {
        # simultaneous open: Linux's SYN-ACK repeats its SYN (all its options, though the peer offered only MSS)
        "syn": s + "+.1 < S 0:0(0) win 32792 <mss 1000>\n+0 > S. 0:0(0) ack 1 win 64240 <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 10>\n",
        "syn-ack": s + "+.1 < S. 0:0(0) ack 1 win 5792 <mss 1460>\n+0 > . 1:1(0) ack 1\n",
        "ack": s + "+.1 < . 0:0(0) ack 1 win 257\n" + retrans,
        "ack-out-of-window": s + "+.1 < . 0:0(0) ack 0 win 257\n+0 > R 0:0(0)\n" + resend,
        "ack-unsent": s + "+.1 < . 0:0(0) ack 1000 win 257\n+0 > R 1000:1000(0)\n" + resend,
        "rst": s + "+.1 < R. 0:0(0) ack 1 win 0\n+0 read(3, ..., 100) = -1 ECONNREFUSED (Connection refused)\n" + refused_probe,
        "rst-in-window": s + "+.1 < R 0:0(0) win 0\n" + retrans,
        "rst-out-of-window": s + "+.1 < R. 0:0(0) ack 1000 win 0\n" + resend,
        "fin": s + "+.1 < F. 0:0(0) ack 1 win 257\n" + retrans,
        "data": s + "+.1 < P. 0:10(10) ack 1 win 257\n" + retrans,
        "connect": s + "+.1 connect(3, ..., ...) = -1 EALREADY (Operation already in progress)\n" + retrans,
        "listen": s + "+.1 listen(3, 1) = -1 EINVAL (Invalid argument)\n" + retrans,
        "accept": s + "+.1 accept(3, ..., ...) = -1 EINVAL (Invalid argument)\n" + retrans,
        "write": s + "+.1 write(3, ..., 10) = -1 EAGAIN (Resource temporarily unavailable)\n" + retrans,
        "read": s + "+.1 read(3, ..., 100) = -1 EAGAIN (Resource temporarily unavailable)\n" + retrans,
        "shutdown-rd": s + "+.1 shutdown(3, SHUT_RD) = 0\n" + refused_probe,
        "shutdown-wr": s + "+.1 shutdown(3, SHUT_WR) = 0\n" + refused_probe,
        "shutdown-rdwr": s + "+.1 shutdown(3, SHUT_RDWR) = 0\n" + refused_probe,
        "close": s + "+.1 close(3) = 0\n+.1 < S. 0:0(0) ack 1 win 5792 <mss 1460>\n+0 > R 1:1(0)\n",
        "close-unread": None,
        "linger-zero": s + "+.1 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0\n+0 close(3) = 0\n"
                           "+.1 < S. 0:0(0) ack 1 win 5792 <mss 1460>\n+0 > R 1:1(0)\n",
    }[ev]


def syn_received(ev):
    s = LISTENER + SYN_IN + "+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0\n"
    complete = "+.1 < . 1:1(0) ack 1 win 257\n+0 accept(3, ..., ...) = 4\n"
    gone = "+.1 < . 1:1(0) ack 1 win 257\n+0 > R 1:1(0)\n+0 accept(3, ..., ...) = -1 EAGAIN (Resource temporarily unavailable)\n"
    return {
        "syn": s + "+.1 < S 0:0(0) win 32792 <mss 1000>\n+0 > S. 0:0(0) ack 1 win 64240 <mss 1460>\n" + complete,
        "syn-ack": s + "+.1 < S. 0:0(0) ack 1 win 32792 <mss 1000>\n+0 > . 1:1(0) ack 1\n" + complete,
        "ack": s + complete,
        "ack-out-of-window": s + "+.1 < . 100000:100000(0) ack 1 win 257\n+0 > . 1:1(0) ack 1\n" + complete,
        "ack-unsent": s + "+.1 < . 1:1(0) ack 1000 win 257\n+0 > R 1000:1000(0)\n" + complete,
        "rst": s + "+.1 < R 1:1(0) win 0\n" + gone,
        "rst-in-window": s + "+.1 < R 100:100(0) win 0\n+0 > . 1:1(0) ack 1\n" + complete,
        "rst-out-of-window": s + "+.1 < R 100000:100000(0) win 0\n" + complete,
        "fin": s + "+.1 < F. 1:1(0) ack 1 win 257\n+0 > . 1:1(0) ack 2\n+0 accept(3, ..., ...) = 4\n+0 read(4, ..., 100) = 0\n",
        "data": s + "+.1 < P. 1:11(10) ack 1 win 257\n+0 > . 1:1(0) ack 11\n+0 accept(3, ..., ...) = 4\n+0 read(4, ..., 100) = 10\n",
        "connect": s + "+.1 connect(3, ..., ...) = -1 EISCONN (Transport endpoint is already connected)\n" + complete,
        "listen": s + "+.1 listen(3, 5) = 0\n" + complete,
        "accept": s + "+.1 accept(3, ..., ...) = -1 EAGAIN (Resource temporarily unavailable)\n" + complete,
        "write": None, "read": None, "shutdown-rd": None, "shutdown-wr": None, "shutdown-rdwr": None,
        # closing the listener drops its half-open connection without a word; the peer's ACK then gets RST
        "close": s + "+.1 close(3) = 0\n+.1 < . 1:1(0) ack 1 win 257\n+0 > R 1:1(0)\n",
        "close-unread": None,
        "linger-zero": s + "+.1 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0\n+0 close(3) = 0\n"
                           "+.1 < . 1:1(0) ack 1 win 257\n+0 > R 1:1(0)\n",
    }[ev]


def script(state, ev):
    if state == "closed":
        return closed(ev)
    if state == "listen":
        return listen(ev)
    if state == "syn-sent":
        return syn_sent(ev)
    if state == "syn-received":
        return syn_received(ev)
    body = synchronized(state, ev) if ev in SEGMENT_EVENTS else call(state, ev)
    return None if body is None else SETUP[state] + body


def main():
    for f in os.listdir(HERE):
        if f.endswith(".pkt"):
            os.remove(os.path.join(HERE, f))
    events = SEGMENT_EVENTS + CALL_EVENTS
    print("| state | " + " | ".join(events) + " |")
    print("|---|" + "---|" * len(events))
    count = 0
    for state, (how, *_rest) in STATES.items():
        cells = []
        for ev in events:
            text = script(state, ev)
            if text is None:
                cells.append("–")
                continue
            name = f"{state}--{ev}.pkt"
            with open(os.path.join(HERE, name), "w") as out:
                out.write(f"// {state.upper()} ({how}); event: {ev}. Linux's answer, checked on the kernel.\n" + text)
            cells.append(f"`{name[:-4]}`")
            count += 1
        print(f"| {state.upper()} | " + " | ".join(cells) + " |")
    print(f"{count} scripts", file=sys.stderr)


if __name__ == "__main__":
    main()
