package io.tcpemu.pkt;

import io.tcpemu.tcp.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Our own packetdrill scripts, each run against an emulated host (Linux profile) in virtual time. */
class PktScriptsTest {
    private static final Path DIR = Path.of("src/test/resources/pkt");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "handshake-passive.pkt",
            "handshake-active.pkt",
            "handshake-blocking-connect.pkt",
            "simultaneous-open.pkt",
            "connect-refused.pkt",
            "rst-states.pkt",
            "close-active.pkt",
            "close-passive.pkt",
            "close-simultaneous.pkt",
            "time-wait.pkt",
            "time-wait-rst.pkt",
            "linger-zero.pkt",
            "half-close.pkt",
            "nonblocking-calls.pkt",
            "delack-quick.pkt",
            "delack-interactive.pkt",
            "delack-piggyback.pkt",
            "delack-out-of-order.pkt",
            "close-three-segments.pkt",
            "close-fin-acked-alone.pkt",
            "close-fin-after-data.pkt",
            "close-after-answer.pkt",
            "close-later-after-answer.pkt",
            "syn-linear-timeouts.pkt",
            "listener-close-half-open.pkt",
            "rcvbuf-connect.pkt",
            "rcvbuf-scale.pkt",
            "rcvbuf-limits.pkt",
            "rcvbuf-listen.pkt",
            "rcvbuf-after-listen.pkt",
            "peer-port-other.pkt",
            "ifdef-branches.pkt",
    })
    void script_passes(String name) throws IOException {
        Script script = PktParser.parse(DIR.resolve(name));
        PktResult result = new PktRunner().run(script, Profile.LINUX, List.of(), 1);
        assertThat(result.passed()).as(result.format()).isTrue();
        assertThat(result.checked()).isEqualTo(script.events().size() - script.skipped().size());
    }

    private static final String SYN_ACK_WITH = """
            0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
            +0 bind(3, ..., ...) = 0
            +0 listen(3, 1) = 0
            +0 < S 0:0(0) win 32792 <mss 1000>
            +0 > S. 0:0(0) ack 1 win 65535 <OPTIONS>
            """;

    @Test
    void the_window_and_options_a_script_writes_are_compared_as_packetdrill_compares_them() {
        PktRunner runner = new PktRunner();

        PktResult ok = runner.run(PktParser.parse("o.pkt", SYN_ACK_WITH.replace("OPTIONS", "mss 1460")), Profile.RFC9293.config(), 1);
        assertThat(ok.passed()).as(ok.format()).isTrue();
        assertThat(ok.fullyChecked()).isTrue();

        PktResult mss = runner.run(PktParser.parse("o.pkt", SYN_ACK_WITH.replace("OPTIONS", "mss 1000")), Profile.RFC9293.config(), 1);
        assertThat(mss.failure().actual()).endsWith("options <mss 1460> instead of <mss 1000>");

        PktResult ts = runner.run(PktParser.parse("o.pkt", SYN_ACK_WITH.replace("OPTIONS", "mss 1460,nop,nop,TS val 1 ecr 0")), Profile.RFC9293.config(), 1);
        assertThat(ts.failure().actual()).endsWith("options <mss 1460> instead of <mss 1460,nop,nop,TS val 1 ecr 0>");

        PktResult win = runner.run(PktParser.parse("o.pkt", SYN_ACK_WITH.replace("65535", "64240").replace("OPTIONS", "mss 1460")), Profile.RFC9293.config(), 1);
        assertThat(win.failure().actual()).endsWith("win 65535 instead of 64240");

        PktResult none = runner.run(PktParser.parse("o.pkt", SYN_ACK_WITH.replace(" <OPTIONS>", "")), Profile.RFC9293.config(), 1);
        assertThat(none.failure().actual()).as("a line with no options expects none, as packetdrill's").endsWith("options <mss 1460> instead of none");
    }

    @Test
    void linux_offers_sack_timestamps_and_window_scale_in_the_kernels_order_and_only_what_the_peer_offered() {
        String script = """
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +0 bind(3, ..., ...) = 0
                +0 listen(3, 1) = 0
                +0 < S 0:0(0) win 32792 <PEER>
                +0 > S. 0:0(0) ack 1 win WIN <OPTIONS>
                """;
        PktRunner runner = new PktRunner();
        String[][] cases = {
                {"mss 1000,sackOK,TS val 100 ecr 0,nop,wscale 7", "65160", "mss 1460,sackOK,TS val 0 ecr 100,nop,wscale 10"},
                {"mss 1000,sackOK,nop,nop,nop,wscale 7", "64240", "mss 1460,nop,nop,sackOK,nop,wscale 10"},
                {"mss 1000,nop,nop,TS val 100 ecr 0", "65160", "mss 1460,nop,nop,TS val 0 ecr 100"},
                {"mss 1000,nop,wscale 2", "64240", "mss 1460,nop,wscale 10"},
                {"mss 1000", "64240", "mss 1460"},
        };
        for (String[] c : cases) {
            PktResult r = runner.run(PktParser.parse("o.pkt", script.replace("PEER", c[0]).replace("WIN", c[1]).replace("OPTIONS", c[2])),
                    Profile.LINUX.config(), 1);
            assertThat(r.passed()).as("%s: %s", c[0], r.format()).isTrue();
        }
    }

    @Test
    void so_rcvbuf_sets_the_syn_window_under_rfc9293_and_fails_where_it_is_not_modelled() {
        String before = """
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +0 setsockopt(3, SOL_SOCKET, SO_RCVBUF, [10000], 4) = 0
                +0 getsockopt(3, SOL_SOCKET, SO_RCVBUF, [10000], [4]) = 0
                +0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0
                +0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
                +0 > S 0:0(0) win 10000 <mss 1460>
                """;
        PktResult rfc = new PktRunner().run(PktParser.parse("r.pkt", before), Profile.RFC9293.config(), 1);
        assertThat(rfc.passed()).as(rfc.format()).isTrue();
        assertThat(rfc.fullyChecked()).isTrue();

        PktResult wrong = new PktRunner().run(PktParser.parse("r.pkt", before.replace("[10000], [4]", "[20000], [4]")), Profile.RFC9293.config(), 1);
        assertThat(wrong.failure().actual()).contains("SO_RCVBUF was [10000], not [20000]");

        String after = before.replace("+0 > S 0:0(0) win 10000 <mss 1460>\n", "")
                + "+0 setsockopt(3, SOL_SOCKET, SO_RCVBUF, [5000], 4) = 0\n";
        PktResult late = new PktRunner().run(PktParser.parse("r.pkt", after), Profile.RFC9293.config(), 1);
        assertThat(late.passed()).as("never a PASS for an option the model cannot apply").isFalse();
        assertThat(late.failure().line()).isEqualTo(6);
        assertThat(late.format()).contains("SO_RCVBUF on a socket that connected or is connecting is not modelled");
    }
}
