package io.tcpemu.pkt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PktCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new PktCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private String write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void passing_and_failing_scripts_give_pass_fail_lines_and_exit_1() throws IOException {
        String good = "src/test/resources/pkt/connect-refused.pkt";
        String bad = write("wrong.pkt", """
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +0...0.1 connect(3, ..., ...) = -1 ECONNREFUSED (Connection refused)
                +0 > S. 0:0(0) <...>
                """);

        int code = run(good, bad);

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("PASS connect-refused.pkt (5 lines checked)")
                .contains("FAIL wrong.pkt (2 lines checked)")
                .contains("wrong.pkt:3: expected > S. 0:0(0) <...> at 0 s")
                .contains("flags S instead of S.");
    }

    @Test
    void all_passing_exits_0() {
        assertThat(run("src/test/resources/pkt/handshake-passive.pkt", "src/test/resources/pkt/linger-zero.pkt")).isZero();
        assertThat(out.toString()).contains("PASS handshake-passive.pkt").contains("PASS linger-zero.pkt");
    }

    @Test
    void syntax_errors_and_missing_files_exit_2_without_a_stack_trace() throws IOException {
        String broken = write("broken.pkt", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 < Q 0:0(0) win 10\n");

        assertThat(run(broken, dir.resolve("missing.pkt").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("broken.pkt:2: expected a flag (S, ., P, F, R) after '<', got 'Q'")
                .contains("missing.pkt: no such file; expected a packetdrill script (.pkt)")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void bad_options_are_named() throws IOException {
        String script = write("opt.pkt", "--tolerance_usecs=soon\n0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n");
        assertThat(run(script)).isEqualTo(2);
        assertThat(err.toString()).contains("opt.pkt: --tolerance_usecs expects a positive number of microseconds, got 'soon'");

        assertThat(run("--profile", "bsd", script)).isEqualTo(2);
        assertThat(err.toString()).contains("--profile: unknown profile 'bsd', expected rfc9293 or linux");
    }

    /** Issue 22: a negative tolerance was taken, a binary file said "Input length = 1". */
    @Test
    void a_negative_tolerance_and_a_binary_script_are_one_line_each() throws IOException {
        assertThat(run("--tolerance-usecs", "-5", "src/test/resources/pkt/handshake-passive.pkt")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("tcpemu pkt: --tolerance-usecs: expected 0 or more microseconds (at most 100 years), got -5");
        assertThat(out.toString()).isEmpty();
        err.getBuffer().setLength(0);
        Path binary = Files.write(dir.resolve("binary.pkt"), new byte[] {'0', ' ', 's', '\n', (byte) 0xC3, 0x28, '\n'});
        assertThat(run(binary.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("tcpemu pkt: " + binary + ":2: expected UTF-8 text, but byte 0xC3 is not UTF-8 (save the file as UTF-8)");
    }

    /** Issue 22: a FIFO (or "-") blocked the read for ever, a folder said "cannot read: Is a directory". */
    @Test
    @org.junit.jupiter.api.Timeout(60)   // before the fix the FIFO's read never returned
    void a_folder_a_fifo_or_standard_input_is_one_line_not_a_hang() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("scripts.pkt"));
        Path fifo = dir.resolve("pipe.pkt");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        String expected = "a packetdrill script (.pkt) such as src/test/resources/pkt/handshake-active.pkt";
        String[][] cases = {
                {folder.toString(), "tcpemu pkt: " + folder + ": is a folder; expected " + expected},
                {fifo.toString(), "tcpemu pkt: " + fifo + ": expected " + expected + ", but it is not a regular file (a FIFO, device or socket)"},
                {"-", "tcpemu pkt: -: expected " + expected + "; tcpemu pkt does not read standard input (save it to a file)"},
        };
        for (String[] c : cases) {
            err.getBuffer().setLength(0);
            assertThat(run(c[0])).as(c[0]).isEqualTo(2);
            assertThat(err.toString().strip()).isEqualTo(c[1]);
            assertThat(run("--vs-kernel", "--packetdrill", dir.resolve("none").toString(), c[0])).as(c[0] + " --vs-kernel").isEqualTo(2);
        }
        assertThat(out.toString()).doesNotContain("PASS");
    }

    @Test
    void a_skipped_line_is_counted_and_strict_makes_it_a_failure() throws IOException {
        String script = write("skip.pkt", """
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +0 ioctl(3, FIONREAD, [0]) = 0
                +0 close(3) = 0
                """);

        assertThat(run(script)).isZero();
        assertThat(out.toString()).contains("PASS skip.pkt (2 lines checked, 1 line not checked)")
                .contains("note: line 2 skipped (system call 'ioctl' is not emulated): ioctl(3, FIONREAD, [0]) = 0");

        assertThat(run("--strict", script)).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL skip.pkt (2 lines checked, 1 line not checked; --strict fails a script with lines not checked)");
    }

    @Test
    void a_misspelled_call_is_an_error_with_a_suggestion_not_a_skip() throws IOException {
        String script = write("typo.pkt", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 conect(3, ..., ...) = 0\n");

        assertThat(run(script)).isEqualTo(2);
        assertThat(err.toString()).contains("typo.pkt:2: unknown system call 'conect', did you mean connect?");
        assertThat(out.toString()).doesNotContain("PASS");
    }

    @Test
    void vs_kernel_without_packetdrill_says_why_and_still_runs_the_emulator() {
        int code = run("--vs-kernel", "--packetdrill", dir.resolve("no-such-packetdrill").toString(),
                "src/test/resources/pkt/handshake-passive.pkt");

        assertThat(code).isZero();
        assertThat(err.toString()).contains("the kernel is not asked: packetdrill not found at " + dir.resolve("no-such-packetdrill"));
        assertThat(out.toString()).contains("src/test/resources/pkt/handshake-passive.pkt  -        PASS")
                .contains("1 script: 0 pass on both, 0 differ, 1 not run on the kernel");
    }

    private static final String TIME_WAIT_THEN_RST = """
            0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
            +0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
            +0 bind(3, ..., ...) = 0
            +0 listen(3, 1) = 0
            +0 < S 0:0(0) win 32792 <mss 1000>
            +0 > S. 0:0(0) ack 1 <...>
            +.1 < . 1:1(0) ack 1 win 257
            +0 accept(3, ..., ...) = 4
            +0 close(4) = 0
            +0 > F. 1:1(0) ack 1
            +.1 < F. 1:1(0) ack 2 win 257
            +0 > . 2:2(0) ack 2
            +.1 < R 2:2(0) win 0
            +.1 < F. 1:1(0) ack 2 win 257
            +0 > . 2:2(0) ack 2
            """;

    @Test
    void set_gives_the_host_a_policy_and_a_bad_key_is_named() throws IOException {
        String script = write("tw.pkt", TIME_WAIT_THEN_RST);

        assertThat(run(script)).as("a RST ends TIME-WAIT on Linux: the FIN then meets the listener").isEqualTo(1);
        assertThat(run("--set", "tcp.rst-in-time-wait=ignore", script)).as(out.toString()).isZero();

        assertThat(run("--set", "tcp.rst-in-tme-wait=ignore", script)).isEqualTo(2);
        assertThat(err.toString()).contains("did you mean hosts.host.tcp.rst-in-time-wait?");
    }

    @Test
    void a_sysctl_the_emulator_has_is_applied_and_one_it_lacks_is_not_checked() throws IOException {
        String applied = write("rfc1337.pkt", "`sysctl -q net.ipv4.tcp_rfc1337=1`\n" + TIME_WAIT_THEN_RST);
        assertThat(run(applied)).as(out.toString()).isZero();
        assertThat(out.toString()).contains("PASS rfc1337.pkt (16 lines checked)");

        String lacking = write("sack.pkt", "`sysctl -q net.ipv4.tcp_sack=0\nsysctl -q net.ipv4.tcp_rfc1337=1`\n" + TIME_WAIT_THEN_RST);
        assertThat(run(lacking)).isZero();
        assertThat(out.toString()).contains("PASS sack.pkt (15 lines checked, 1 line not checked)")
                .contains("note: line 1: sysctl net.ipv4.tcp_sack not modelled (the emulator honours net.ipv4.tcp_fin_timeout,")
                .contains("; applied: tcp.rst-in-time-wait=ignore");
    }

    @Test
    void define_chooses_the_ifdef_branch() throws IOException {
        String script = write("ifdef.pkt", """
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                #ifdef EMULATOR
                +0 close(3) = 0
                #else
                +0 close(3) = -1 EBADF (Bad file descriptor)
                #endif
                """);
        assertThat(run("--define", "EMULATOR", script)).isZero();
        assertThat(run(script)).isEqualTo(1);
        assertThat(out.toString()).contains("ifdef.pkt:5: expected close(3) = -1 EBADF");
    }

    @Test
    void a_getsockopt_value_that_differs_fails_the_line() throws IOException {
        String script = write("soerror.pkt", """
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0
                +0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
                +0 > S 0:0(0) <...>
                +.1 < R. 0:0(0) ack 1 win 0
                +0 getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0
                """);
        assertThat(run(script)).isEqualTo(1);
        assertThat(out.toString()).contains("but SO_ERROR was ECONNREFUSED, not 0");
    }

    @Test
    void explicit_ports_open_a_second_connection_and_are_compared() throws IOException {
        String twoPeers = """
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +0 bind(3, ..., ...) = 0
                +0 listen(3, 2) = 0
                +0 < S 0:0(0) win 32792 <mss 1000>
                +0 > S. 0:0(0) ack 1 <...>
                +.1 < . 1:1(0) ack 1 win 257
                +0 accept(3, ..., ...) = 4
                +0 < 40001>8080 S 0:0(0) win 32792 <mss 1000>
                +0 > 8080>40001 S. 0:0(0) ack 1 <...>
                +.1 < 40001>8080 . 1:1(0) ack 1 win 257
                +0 accept(3, ..., ...) = 5
                """;
        assertThat(run(write("ports.pkt", twoPeers))).as(out.toString()).isZero();

        assertThat(run(write("wrong-port.pkt", twoPeers.replace("> 8080>40001", "> 8080>40002")))).isEqualTo(1);
        assertThat(out.toString()).contains("to port 40001 instead of 40002");
    }

    @Test
    void poll_revents_are_compared() throws IOException {
        String script = Files.readString(Path.of("src/test/resources/pkt/poll-refused.pkt"))
                .replace("revents=POLLOUT|POLLERR|POLLHUP", "revents=POLLOUT");
        assertThat(run(write("poll.pkt", script))).isEqualTo(1);
        assertThat(out.toString()).contains("but revents were POLLOUT|POLLERR|POLLHUP, not POLLOUT");

        String twoFds = write("poll2.pkt", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
                + "+0 poll([{fd=3, events=POLLIN, revents=0}, {fd=4, events=POLLIN, revents=0}], 2, 0) = 0\n");
        assertThat(run(twoFds)).isZero();
        assertThat(out.toString()).contains("PASS poll2.pkt (1 line checked, 1 line not checked)")
                .contains("poll of more than one fd, or with events it does not know, is not modelled");
    }

    @Test
    void epoll_events_are_compared_and_edge_triggered_epoll_is_not_modelled() throws IOException {
        String script = Files.readString(Path.of("src/test/resources/pkt/epoll-connect.pkt"));
        assertThat(run(write("epoll.pkt", script))).as(out.toString()).isZero();
        assertThat(run(write("epoll-err.pkt", script.replace("{events=EPOLLOUT, fd=3}, 1, 1000)", "{events=EPOLLOUT|EPOLLERR, fd=3}, 1, 1000)"))))
                .isEqualTo(1);
        assertThat(out.toString()).contains("but events were EPOLLOUT, not EPOLLOUT|EPOLLERR");

        // the edge-triggered epoll_ctl is skipped with its reason, so the wait on it cannot pass
        assertThat(run(write("epoll-et.pkt", script.replace("EPOLL_CTL_ADD, 3, {events=EPOLLOUT,", "EPOLL_CTL_ADD, 3, {events=EPOLLOUT|EPOLLET,"))))
                .isEqualTo(1);
        assertThat(out.toString()).contains("epoll_ctl other than EPOLL_CTL_ADD/MOD/DEL of a level-triggered {events=..., fd=N} is not modelled")
                .contains("epoll_wait on an epoll with no fd (was its epoll_ctl skipped?)");
    }

    @Test
    void parse_only_lists_skipped_lines() throws IOException {
        String script = write("skip.pkt", "`../common/defaults.sh`\n0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n");
        assertThat(run("--parse-only", script)).isZero();
        assertThat(out.toString()).contains("PARSED skip.pkt (2 events, 1 skipped)")
                .contains("line 1 skipped (shell commands are not run by the emulator): `../common/defaults.sh`");
    }
}
