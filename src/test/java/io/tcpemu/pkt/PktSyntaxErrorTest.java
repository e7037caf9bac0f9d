package io.tcpemu.pkt;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Malformed scripts are rejected with the file, the line, and what was expected. */
class PktSyntaxErrorTest {

    private static final String PRELUDE = """
            // a passive open
            0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
            +0 bind(3, ..., ...) = 0
            +0 listen(3, 1) = 0
            """;

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("+0 < 70000>8080 S 0:0(0) win 1000",
                        "bad.pkt:5: the source port 70000 out of range: expected 0 to 65535"),
                arguments("+0 conect(3, ..., ...) = 0",
                        "bad.pkt:5: unknown system call 'conect', did you mean connect?"),
                arguments("#ifdef LINUX\n+0 close(3) = 0",
                        "bad.pkt:5: unterminated #ifdef: expected an #endif to close it"),
                arguments("#endif",
                        "bad.pkt:5: unexpected #endif: no #ifdef is open"),
                arguments("#ifdef A\n#else\n#else\n#endif",
                        "bad.pkt:7: unexpected second #else for the #ifdef of line 5"),
                arguments("+0 < Q 0:0(0) win 1000",
                        "bad.pkt:5: expected a flag (S, ., P, F, R) after '<', got 'Q'"),
                arguments("+0 > 0:0(0) ack 1",
                        "bad.pkt:5: expected a flag (S, ., P, F, R) after '>', got '0'"),
                arguments("+0 < S win 1000",
                        "bad.pkt:5: expected a sequence range start:end(length) after the flags, got 'win'"),
                arguments("+0 < S 0:10(5) win 1000",
                        "bad.pkt:5: inconsistent sequence range 0:10(5): end - start must equal the length"),
                arguments("+0 < S 0:0(0) win 70000",
                        "bad.pkt:5: win 70000 out of range: expected 0 to 65535"),
                arguments("+0 < S 0:0(0) win 1000 <mss 1460 nop>",
                        "bad.pkt:5: expected '>' or ',' in the TCP option list, got 'nop'"),
                arguments("+0 < S 0:0(0) win 1000 <...>",
                        "bad.pkt:5: <...> for TCP options can only be used with outbound ('>') packets"),
                arguments("+0 < S 0:0(0)",
                        "bad.pkt:5: an inbound packet needs a window: expected 'win N'"),
                arguments("+0 > S. 0:0(0) ack 1 ack",
                        "bad.pkt:5: expected a number after 'ack', got the end of the line"),
                arguments("+0 >\n+0 close(3) = 0",
                        "bad.pkt:5: expected a flag (S, ., P, F, R) after '>', got the end of the line"),
                arguments("+0 > S. 0:0(0) ack 1 wnd 10",
                        "bad.pkt:5: unexpected 'wnd' after the packet; expected ack, win or <options>"),
                arguments("accept(3, ..., ...) = 4",
                        "bad.pkt:5: expected a time (such as 0, +0, +.1, * or 0.1~0.2) at the start of an event, got 'accept'"),
                arguments("+0 accept(3, ..., ...) 4",
                        "bad.pkt:5: expected '=' and the expected result after accept(...), got '4'"),
                arguments("+0 connect(3, ..., ... = 0",
                        "bad.pkt:5: expected ',' or ')' in the arguments of connect, got '='"),
                arguments("* accept(3, ..., ...) = 4",
                        "bad.pkt:5: event time * can only be used with outbound ('>') packets"),
                arguments("0.2~0.1 > S. 0:0(0) ack 1",
                        "bad.pkt:5: time range 0.2~0.1 is backwards"),
                arguments("+0.1~0.2 > S. 0:0(0) ack 1",
                        "bad.pkt:5: expected '+' before the end of a relative time range (+0.1~+0.2), got '0.2'"),
                arguments("+0 , close(3) = 0",
                        "bad.pkt:5: expected a packet ('<' or '>'), a system call, a `command` or a %{ code }% block after the time, got ','"),
                arguments("+0 setsockopt(3, SOL_SOCKET, SO_LINGER, [1], 4) = 0",
                        "bad.pkt:5: SO_LINGER expects {onoff=N, linger=N}, got [1]"),
                arguments("+0 write(3, \"abc, 3) = 3",
                        "bad.pkt:5: unterminated string: expected a closing '\"'"),
                arguments("+0 close(3) = 0 @",
                        "bad.pkt:5: unexpected character '@'"),
                arguments("+0 `sysctl -w net.ipv4.tcp_syn_retries=2",
                        "bad.pkt:5: unterminated command: expected a closing '`' for the command"),
                arguments("/* a comment that never ends\n+0 close(3) = 0",
                        "bad.pkt:5: unterminated comment: expected '*/' to close the '/*'"),
                arguments("+0 close(3) = 0\n--tolerance_usecs=1000",
                        "bad.pkt:6: options such as '--tolerance_usecs=1000' must come before the first event"),
                arguments("+0 > S. 0:0(0) ack 4294967296",
                        "bad.pkt:5: ack 4294967296 out of range: expected 0 to 4294967295"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void rejected_with_line_and_expectation(String line, String message) {
        assertThatThrownBy(() -> PktParser.parse("bad.pkt", PRELUDE + line + "\n"))
                .isInstanceOf(PktSyntaxException.class)
                .hasMessage(message);
    }
}
