package io.tcpemu.pkt;

import io.tcpemu.pkt.Event.Direction;
import io.tcpemu.tcp.Flags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PktParserTest {
    private static final Path DIR = Path.of("src/test/resources/pkt/parse");

    private static Script load(String name) throws IOException { return PktParser.parse(DIR.resolve(name)); }

    @Test
    void passive_open_script_reads_options_calls_and_packets_with_their_lines() throws IOException {
        Script s = load("passive-open-close.pkt");

        assertThat(s.file()).isEqualTo("passive-open-close.pkt");
        assertThat(s.options()).containsExactly(java.util.Map.entry("tolerance_usecs", "10000"));
        assertThat(s.events()).hasSize(17);

        Event.Skipped init = (Event.Skipped) s.events().get(0);
        assertThat(init.line()).isEqualTo(4);
        assertThat(init.text()).isEqualTo("`../common/defaults.sh`");
        assertThat(init.reason()).contains("shell commands");

        Event.Syscall socket = (Event.Syscall) s.events().get(1);
        assertThat(socket.line()).isEqualTo(6);
        assertThat(socket.time()).isEqualTo(Timing.absolute(0));
        assertThat(socket.name()).isEqualTo("socket");
        assertThat(socket.args()).containsExactly(new Expr.Ellipsis(), new Expr.Word("SOCK_STREAM"), new Expr.Word("IPPROTO_TCP"));
        assertThat(socket.result()).isEqualTo(new Expr.Int(3, false));

        Event.Packet syn = (Event.Packet) s.events().get(5);
        assertThat(syn.line()).isEqualTo(11);
        assertThat(syn.direction()).isEqualTo(Direction.INBOUND);
        assertThat(syn.flags()).isEqualTo(Flags.SYN);
        assertThat(syn.window()).isEqualTo(32792);
        assertThat(syn.ack()).isEqualTo(-1);
        assertThat(syn.options()).containsExactly(new TcpOption.Mss(1000), new TcpOption.SackPermitted(),
                new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.WindowScale(7));

        Event.Packet synAck = (Event.Packet) s.events().get(6);
        assertThat(synAck.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(synAck.flags()).isEqualTo(Flags.SYN | Flags.ACK);
        assertThat(synAck.ack()).isEqualTo(1);
        assertThat(synAck.window()).isEqualTo(-1);

        Event.Packet fin = (Event.Packet) s.events().get(9);
        assertThat(fin.line()).isEqualTo(18);
        assertThat(fin.time()).isEqualTo(Timing.relative(10_000));
        assertThat(fin.flags()).isEqualTo(Flags.FIN | Flags.ACK);

        Event.Packet rst = (Event.Packet) s.events().get(16);
        assertThat(rst.line()).isEqualTo(25);
        assertThat(rst.flags()).isEqualTo(Flags.RST);
        assertThat(rst.startSeq()).isEqualTo(2);
        assertThat(rst.length()).isZero();
    }

    @Test
    void times_ranges_star_and_blocking_ends_are_microseconds() throws IOException {
        Script s = load("active-open-nonblocking.pkt");
        List<Event> e = s.events();

        assertThat(e.get(5).time()).isEqualTo(Timing.ANY);
        assertThat(e.get(11).time()).isEqualTo(new Timing(Timing.Kind.ABSOLUTE_RANGE, 300_000, 400_000));
        assertThat(e.get(12).time()).isEqualTo(new Timing(Timing.Kind.RELATIVE_RANGE, 100_000, 200_000));
        assertThat(((Event.Packet) e.get(5)).optionsUnchecked()).isTrue();

        Event.Syscall connect = (Event.Syscall) load("blocking-connect.pkt").events().get(1);
        assertThat(connect.time()).isEqualTo(Timing.relative(100_000));
        assertThat(connect.end()).isEqualTo(200_000);
        assertThat(connect.blocking()).isTrue();
    }

    @Test
    void results_errno_notes_linger_and_flag_expressions() throws IOException {
        List<Event> e = load("active-open-nonblocking.pkt").events();

        Event.Syscall getfl = (Event.Syscall) e.get(1);
        assertThat(getfl.result()).isEqualTo(new Expr.Int(2, true));
        assertThat(getfl.note()).isEqualTo("flags O_RDWR");

        Event.Syscall setfl = (Event.Syscall) e.get(2);
        assertThat(setfl.arg(2)).isEqualTo(new Expr.Binary("|", new Expr.Word("O_RDWR"), new Expr.Word("O_NONBLOCK")));

        Event.Syscall connect = (Event.Syscall) e.get(3);
        assertThat(connect.result()).isEqualTo(new Expr.Int(-1, false));
        assertThat(connect.errno()).isEqualTo("EINPROGRESS");
        assertThat(connect.note()).isEqualTo("Operation now in progress");

        Event.Syscall linger = (Event.Syscall) e.get(16);
        assertThat(Linger.of(linger.arg(3))).isEqualTo(new Linger(true, 0));
        assertThat(Linger.of(linger.arg(3)).abortsOnClose()).isTrue();

        Event.Packet ts = (Event.Packet) e.get(4);
        assertThat(ts.options()).contains(new TcpOption.Timestamp(100, 0));
        Event.Packet sack = (Event.Packet) e.get(13);
        assertThat(sack.options()).containsExactly(new TcpOption.Sack(List.of(new long[] {1, 1001}, new long[] {2001, 3001})));
    }

    @Test
    void lines_the_emulator_cannot_honour_are_skipped_with_line_and_reason() throws IOException {
        List<Event.Skipped> skipped = load("active-open-nonblocking.pkt").skipped();

        assertThat(skipped).extracting(Event.Skipped::line).containsExactly(21, 22, 23, 24);
        assertThat(skipped).extracting(Event.Skipped::reason).containsExactly(
                "system call 'ioctl' is not emulated",
                "Python blocks are not run by the emulator",
                "IP header fields (ECN, TOS, TTL, flow label) are not modelled",
                "UDP packets are not emulated");
        assertThat(skipped.get(0).text()).isEqualTo("ioctl(3, SIOCINQ, [0]) = 0");
        assertThat(skipped.get(1).text()).isEqualTo("%{ assert tcpi_rto == 1000000, tcpi_rto }%");
    }

    @ParameterizedTest
    @CsvSource({
            "S, 2", "S., 18", "., 16", "P., 24", "F., 17", "FP., 25", "R, 4", "R., 20", "-, 0"})
    void flags_read_as_packetdrill_writes_them(String written, int bits) {
        Event.Packet p = (Event.Packet) PktParser.parse("f.pkt", "0 > " + written + " 1:1(0)\n").events().get(0);
        assertThat(p.flags()).isEqualTo(bits);
        assertThat(p).hasToString("0 > " + written + " 1:1(0)");
    }

    @Test
    void unknown_tcp_options_and_ecn_flags_skip_the_line() {
        Script s = PktParser.parse("t.pkt", """
                0 < S 0:10(10) win 32792 <mss 1460,sackOK,nop,nop,FOEXP TFO_COOKIE>
                +0 > SEW 0:0(0) <...>
                +0 > S. 0:0(0) ack 11 <mss 1460,nop,nop,sackOK>
                """);
        assertThat(s.events().get(0)).isInstanceOf(Event.Skipped.class);
        assertThat(((Event.Skipped) s.events().get(0)).reason()).isEqualTo("TCP option 'FOEXP' is not modelled");
        assertThat(((Event.Skipped) s.events().get(1)).reason()).isEqualTo("ECN flags (E, W) are not modelled");
        assertThat(s.events().get(2)).isInstanceOf(Event.Packet.class);
    }

    @Test
    void printing_then_parsing_gives_the_same_script() throws IOException {
        for (String name : List.of("passive-open-close.pkt", "active-open-nonblocking.pkt", "blocking-connect.pkt")) {
            Script once = load(name);
            Script twice = PktParser.parse(name, once.toString());
            assertThat(twice.toString()).as(name).isEqualTo(once.toString());
            assertThat(twice.events()).as(name).hasSameSizeAs(once.events());
            for (int i = 0; i < once.events().size(); i++) {
                assertThat(withoutLine(twice.events().get(i))).as(name + " event " + i).isEqualTo(withoutLine(once.events().get(i)));
            }
        }
    }

    @Test
    void printed_lines_read_like_packetdrill() throws IOException {
        List<Event> e = load("active-open-nonblocking.pkt").events();
        assertThat(e.get(3)).hasToString("+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)");
        assertThat(e.get(4)).hasToString("+0 > S 0:0(0) <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7>");
        assertThat(e.get(6)).hasToString("+0.1 < S. 0:0(0) ack 1 win 5792 <mss 1460,nop,wscale 2,nop,nop,sackOK>");
        assertThat(e.get(11)).hasToString("0.3~0.4 > P. 1:1001(1000) ack 1");
        assertThat(e.get(16)).hasToString("+0 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0");
        assertThat(load("blocking-connect.pkt").events().get(1)).hasToString("+0.1...0.2 connect(3, ..., ...) = 0");
    }

    /** Line numbers change when a script is printed one event per line; everything else must not. */
    private static String withoutLine(Event e) {
        return e.getClass().getSimpleName() + " " + e.time() + " " + e;
    }
}
