package io.tcpemu.pkt;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runner's packetdrill semantics, against a scripted stand-in host. */
class PktRunnerTest {
    private static final int HOST_ISN = 1_000_000;

    private static final String PASSIVE_OPEN = """
            0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
            +0 bind(3, ..., ...) = 0
            +0 listen(3, 1) = 0
            +0 < S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>
            +0 > S. 0:0(0) ack 1 <mss 1460>
            +.1 < . 1:1(0) ack 1 win 257
            +0 accept(3, ..., ...) = 4
            """;

    private static final String NONBLOCKING_CONNECT = """
            0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
            +0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0
            +0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
            """;

    private final List<Segment> injected = new ArrayList<>();

    /** Answers a SYN with a SYN-ACK (our ISN HOST_ISN) after {@code delay} microseconds. */
    private FakeTarget listener(int synAckFlags, long delay) {
        FakeTarget t = new FakeTarget();
        t.onInject = s -> {
            injected.add(s);
            if (s.isSyn()) {
                t.at(t.now() + delay, () -> t.send(new Segment(s.dst(), s.src(), HOST_ISN, s.seq() + 1, synAckFlags, 65535,
                        1460, Segment.NO_TIMESTAMP, Segment.NO_TIMESTAMP, null, 0)));
            }
        };
        return t;
    }

    private static PktResult run(String script, FakeTarget target) {
        return new PktRunner().run(PktParser.parse("t.pkt", script), () -> target);
    }

    @Test
    void passive_open_passes_with_relative_sequence_numbers() {
        PktResult r = run(PASSIVE_OPEN, listener(Flags.SYN | Flags.ACK, 0));

        assertThat(r.passed()).as(r.format()).isTrue();
        assertThat(r.checked()).isEqualTo(7);
        assertThat(injected).hasSize(2);
        Segment ack = injected.get(1);
        assertThat(ack.ack()).as("inbound ack is relative to the host's ISN").isEqualTo(HOST_ISN + 1);
        assertThat(ack.src().toString()).isEqualTo("192.0.2.1:40000");
        assertThat(ack.dst().toString()).isEqualTo("192.168.0.1:8080");
        assertThat(ack.window()).isEqualTo(257);
        assertThat(r.notes()).as("the options written are compared").isEmpty();
        assertThat(injected.get(0).wscale()).as("the peer's options reach the host").isEqualTo(7);
        assertThat(injected.get(0).sackPermitted()).isTrue();
    }

    @Test
    void script_options_move_the_addresses() {
        PktResult r = run("--local_ip=10.0.0.1\n--remote_ip=10.0.0.2\n--bind_port=9090\n" + PASSIVE_OPEN,
                listener(Flags.SYN | Flags.ACK, 0));

        assertThat(r.passed()).as(r.format()).isTrue();
        assertThat(injected.get(0).src().toString()).isEqualTo("10.0.0.2:40000");
        assertThat(injected.get(0).dst().toString()).isEqualTo("10.0.0.1:9090");

        assertThatThrownBy(() -> run("--bind_port=70000\n" + PASSIVE_OPEN, listener(Flags.SYN | Flags.ACK, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t.pkt: --bind_port expects a port 1-65535, got '70000'");
    }

    @Test
    void wrong_flags_fail_at_the_line_with_expected_and_actual() {
        PktResult r = run(PASSIVE_OPEN, listener(Flags.SYN, 0));

        assertThat(r.passed()).isFalse();
        assertThat(r.failure()).isEqualTo(new PktResult.Failure(5,
                "> S. 0:0(0) ack 1 <mss 1460> at 0 s",
                "the host sent > S 0:0(0) win 65535 <mss 1460> at 0 s: flags S instead of S."));
        assertThat(r.format()).startsWith("FAIL t.pkt (4 lines checked)\n  t.pkt:5: expected > S. 0:0(0) ack 1");
    }

    @Test
    void a_segment_later_than_the_tolerance_fails_and_one_within_it_passes() {
        assertThat(run(PASSIVE_OPEN, listener(Flags.SYN | Flags.ACK, 3_000)).passed()).isTrue();

        PktResult late = run(PASSIVE_OPEN, listener(Flags.SYN | Flags.ACK, 5_000));
        assertThat(late.failure().line()).isEqualTo(5);
        assertThat(late.failure().actual()).isEqualTo("the host sent nothing by 0.004 s");

        PktResult tolerant = run("--tolerance_usecs=10000\n" + PASSIVE_OPEN, listener(Flags.SYN | Flags.ACK, 5_000));
        assertThat(tolerant.passed()).as(tolerant.format()).isTrue();
    }

    @Test
    void a_segment_sent_before_its_time_is_too_early() {
        PktResult r = run(PASSIVE_OPEN.replace("+0 > S. 0:0(0) ack 1", "+.5 > S. 0:0(0) ack 1"), listener(Flags.SYN | Flags.ACK, 0));

        assertThat(r.failure().line()).isEqualTo(5);
        assertThat(r.failure().actual()).endsWith("at 0 s, too early");
    }

    /** Sends a SYN on connect and retransmits it after 1 s and 3 s. */
    private static FakeTarget connector() {
        FakeTarget t = new FakeTarget();
        t.onCall = (c, target) -> {
            if (c instanceof SocketCall.Connect conn) {
                Segment syn = new Segment(new io.tcpemu.tcp.SockAddr(0xC0A80001, 50_000), conn.remote(), HOST_ISN, 0, Flags.SYN,
                        65535, 1460, Segment.NO_TIMESTAMP, Segment.NO_TIMESTAMP, null, 0);
                target.send(syn);
                target.at(target.now() + 1_000_000, () -> target.send(syn));
                target.at(target.now() + 3_000_000, () -> target.send(syn));
                return PendingCall.failed("EINPROGRESS", target.now());
            }
            return PendingCall.returned(FakeTarget.success(c), target.now());
        };
        return t;
    }

    @Test
    void syn_retransmissions_are_checked_in_virtual_time() {
        String script = NONBLOCKING_CONNECT + """
                +0 > S 0:0(0) <...>
                +1 > S 0:0(0) <...>
                +2 > S 0:0(0) <...>
                """;
        assertThat(run(script, connector()).passed()).isTrue();

        PktResult wrong = run(script.replace("+2 > S", "+1 > S"), connector());
        assertThat(wrong.failure().line()).isEqualTo(6);
        assertThat(wrong.failure().actual()).isEqualTo("the host sent nothing by 2.004 s");
    }

    @Test
    void star_and_ranges_accept_any_time_within_them() {
        String script = NONBLOCKING_CONNECT + """
                * > S 0:0(0) <...>
                0.5~1.5 > S 0:0(0) <...>
                +1.9~+2.1 > S 0:0(0) <...>
                """;
        PktResult r = run(script, connector());
        assertThat(r.passed()).as(r.format()).isTrue();
    }

    @Test
    void results_and_errno_are_compared() {
        String script = """
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +0 fcntl(3, F_GETFL) = 0x2 (flags O_RDWR)
                +0 connect(3, ..., ...) = -1 ECONNREFUSED (Connection refused)
                """;
        PktResult r = run(script, connector());

        assertThat(r.failure()).isEqualTo(new PktResult.Failure(3,
                "connect(3, ..., ...) = -1 ECONNREFUSED (Connection refused) returning at 0 s",
                "it returned -1 EINPROGRESS at 0 s"));
    }

    @Test
    void a_closed_fd_gives_ebadf() {
        PktResult r = run("""
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +0 close(3) = 0
                +0 close(3) = -1 EBADF (Bad file descriptor)
                +0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                """, new FakeTarget());
        assertThat(r.passed()).as(r.format()).isTrue();
    }

    /** connect sends a SYN and blocks; it returns 0 when a SYN-ACK is injected, if {@code completes}. */
    private static FakeTarget blockingConnector(boolean completes) {
        FakeTarget t = new FakeTarget();
        List<PendingCall> connects = new ArrayList<>();
        t.onCall = (c, target) -> {
            if (!(c instanceof SocketCall.Connect conn)) return PendingCall.returned(FakeTarget.success(c), target.now());
            target.send(new Segment(new io.tcpemu.tcp.SockAddr(0xC0A80001, 50_000), conn.remote(), HOST_ISN, 0, Flags.SYN,
                    65535, 0, Segment.NO_TIMESTAMP, Segment.NO_TIMESTAMP, null, 0));
            connects.add(new PendingCall());
            return connects.get(0);
        };
        t.onInject = s -> { if (completes && s.isSyn() && s.isAck()) connects.get(0).succeed(0, t.now()); };
        return t;
    }

    @Test
    void a_blocking_call_must_return_at_its_end_time_while_later_lines_run() {
        String script = """
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +.1...0.200 connect(3, ..., ...) = 0
                +0 > S 0:0(0)
                +.1 < S. 0:0(0) ack 1 win 5792
                """;
        PktResult r = run(script, blockingConnector(true));
        assertThat(r.passed()).as(r.format()).isTrue();

        PktResult early = run(script.replace("0.200 connect", "0.150 connect"), blockingConnector(true));
        assertThat(early.failure()).isEqualTo(new PktResult.Failure(2,
                "connect(3, ..., ...) = 0 returning at 0.15 s", "it had not returned by 0.2 s"));

        PktResult never = run(script, blockingConnector(false));
        assertThat(never.failure().line()).isEqualTo(2);
        assertThat(never.failure().actual()).isEqualTo("it had not returned by 0.204 s");
    }

    @Test
    void sock_nonblock_makes_the_socket_non_blocking_and_unknown_options_are_noted() {
        FakeTarget t = new FakeTarget();
        List<SocketCall> calls = new ArrayList<>();
        t.onCall = (c, target) -> {
            calls.add(c);
            return PendingCall.returned(FakeTarget.success(c), target.now());
        };
        PktResult r = run("""
                --tolerance_percent=1
                0 socket(..., SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_TCP) = 3
                +0 fcntl(3, F_GETFL) = 0x802 (flags O_RDWR|O_NONBLOCK)
                """, t);

        assertThat(r.passed()).as(r.format()).isTrue();
        assertThat(calls).containsExactly(new SocketCall.Socket(3), new SocketCall.SetNonBlocking(3, true));
        assertThat(r.notes()).containsExactly("option --tolerance_percent=1 ignored (not modelled)");
    }

    @Test
    void skipped_lines_are_noted_not_run() {
        PktResult r = run("`sysctl -q net.ipv4.tcp_syn_retries=2\n  sysctl -q net.ipv4.tcp_timestamps=1`\n0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 ioctl(3, FIONREAD, [0]) = 0\n",
                new FakeTarget());
        assertThat(r.passed()).isTrue();
        assertThat(r.checked()).isEqualTo(1);
        assertThat(r.notChecked()).isEqualTo(2);
        assertThat(r.notes()).containsExactly(
                "line 1 skipped (this target takes no host settings): `sysctl -q net.ipv4.tcp_syn_retries=2 sysctl -q net.ipv4.tcp_timestamps=1`",
                "line 4 skipped (system call 'ioctl' is not emulated): ioctl(3, FIONREAD, [0]) = 0");
    }
}
