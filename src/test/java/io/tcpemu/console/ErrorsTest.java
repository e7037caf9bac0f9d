package io.tcpemu.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every mistake gets one line naming the problem and a hint, and the session goes on. */
class ErrorsTest {
    final ConsoleFixture f = new ConsoleFixture();

    @AfterEach void stop() { f.close(); }

    @Test
    void an_unknown_command_suggests_the_nearest_one() {
        assertThat(f.error("conect a b:80")).isEqualTo("unknown command 'conect' — did you mean 'connect'? (type 'help')");
        assertThat(f.error("frobnicate")).isEqualTo("unknown command 'frobnicate' (type 'help')");
    }

    @Test
    void a_connection_that_does_not_exist_is_named_with_the_known_ones() {
        assertThat(f.error("close c1")).isEqualTo("no connection 'c1' — there are none yet (open one with 'connect a b:80')");
        f.ok("listen b:80");
        f.ok("connect a b:80");
        assertThat(f.error("close c2")).isEqualTo("no connection 'c2' — did you mean 'c1'?");
        assertThat(f.error("close zzzz")).isEqualTo("no connection 'zzzz' — known: c1");
    }

    @Test
    void bad_hosts_ports_and_addresses_are_named() {
        assertThat(f.error("connect x b:80")).isEqualTo("no host 'x' — hosts: a, b");
        assertThat(f.error("connect a bb:80")).isEqualTo("no host 'bb' — did you mean 'b'?");
        assertThat(f.error("connect a b:99999")).isEqualTo("bad port '99999' in 'b:99999' — expected a number from 1 to 65535");
        assertThat(f.error("connect a b")).isEqualTo("'b' is not an address — expected HOST:PORT such as b:80");
        assertThat(f.error("listen b")).isEqualTo("'b' is not HOST:PORT — e.g. 'listen b:80'");
        assertThat(f.error("connect a b:80 with c1")).contains("expected 'as NAME' after the address");
    }

    @Test
    void missing_and_extra_arguments_point_at_the_command_help() {
        assertThat(f.error("connect a")).isEqualTo("Missing required parameter: 'REMOTE:PORT' — see 'help connect'");
        assertThat(f.error("step")).isEqualTo("Missing required parameter: 'DURATION' — see 'help step'");
        assertThat(f.error("show c1")).isEqualTo("bad WHAT 'c1': expected one of conns, host, counters, links, rules — see 'help show'");
        assertThat(f.error("listen b:80 --bogus")).contains("Unknown option: '--bogus'").endsWith("see 'help listen'");
    }

    @Test
    void bad_durations_states_and_flags_say_what_was_expected() {
        assertThat(f.error("step 200")).isEqualTo("bad duration '200' — expected a number and a unit: h, m, s, ms or us, e.g. 1h, 2m, 3s, 200ms, 500us");
        f.ok("listen b:80");
        f.ok("connect a b:80");
        assertThat(f.error("run until c1 is DONE")).startsWith("'DONE' is not a TCP state — expected one of CLOSED, LISTEN");
        assertThat(f.error("run until c1 is ESTABLISHED --max 1ms")).isEqualTo(
                "c1 did not reach ESTABLISHED within 1ms (it is SYN-SENT) — try a larger --max, or 'show'");
        assertThat(f.error("run sideways")).startsWith("cannot read 'run sideways'");
        f.ok("step 20ms");
        assertThat(f.error("inject c1 --flags X")).startsWith("bad flag 'X' in 'X'");
    }

    @Test
    void bad_rules_and_links_are_explained() {
        assertThat(f.error("rule add drop fim from b")).contains("word 2 'fim' is not a segment kind");
        assertThat(f.error("rule add drop fin")).isEqualTo("which link? the rule names no sender — add 'from HOST' or '--on a->b'");
        assertThat(f.error("rule rm a->b 7")).isEqualTo("no rule 7 on a->b — see 'rule list'");
        assertThat(f.error("link set a->c --loss 0.1")).isEqualTo("no link a->c — did you mean a->b?");
        assertThat(f.error("link set a->b --loss 2")).contains("loss").contains("see 'help link set'");
        assertThat(f.error("workload start")).startsWith("which clients and server?");
        assertThat(f.error("workload start --clients a --server z:80")).startsWith("no host 'z'");
        assertThat(f.error("workload start --clients a --server b:80 --close later")).startsWith("unknown value 'later'");
        assertThat(f.error("workload status")).startsWith("no workload");
    }

    /** Issue 22: each of these was a stack trace (InvalidActorNameException) or a silent change of what was typed. */
    @Test
    void names_given_twice_numbers_too_big_and_addresses_no_host_can_have_are_one_line() {
        assertThat(f.error("workload start --clients a,a --server b:80")).isEqualTo(
                "expected each client host once, got 'a' twice — see 'workload start --help'");
        assertThat(f.error("workload start --clients a --server b:80,b:80")).isEqualTo(
                "expected each server once, got 'b:80' twice — see 'workload start --help'");
        f.ok("listen b:80");
        f.ok("connect a b:80");
        f.ok("step 20ms");
        assertThat(f.error("inject c1 --flags R --seq 99999999999")).isEqualTo(
                "bad --seq '99999999999' — expected a whole number from 0 to 4294967295 — see 'help inject'");
        assertThat(f.error("inject c1 --flags R --ack -1")).isEqualTo(
                "bad --ack '-1' — expected a whole number from 0 to 4294967295 — see 'help inject'");
        assertThat(f.error("host add c --ip 0.0.0.0")).startsWith("'0.0.0.0' cannot be a host's address: it is the unspecified address");
        assertThat(f.error("host add c --ip 255.255.255.255")).startsWith("'255.255.255.255' cannot be a host's address: it is the broadcast address");
        f.ok("workload start --clients a --server b:81 --rate 10");
    }

    /** A huge number for every whole-number argument: the word and its range, not picocli's "is not an int". */
    static final String HUGE = "99999999999999999999";
    static final Map<String, String> EVERY_WHOLE_NUMBER = Map.ofEntries(
            Map.entry("rule rm a->b " + HUGE, "bad ID '" + HUGE + "' — expected a whole number from 1 to 2147483647 — see 'help rule rm'"),
            Map.entry("inject c1 --flags R --seq " + HUGE, "bad --seq '" + HUGE + "' — expected a whole number from 0 to 4294967295 — see 'help inject'"),
            Map.entry("inject c1 --flags R --ack " + HUGE, "bad --ack '" + HUGE + "' — expected a whole number from 0 to 4294967295 — see 'help inject'"),
            Map.entry("inject c1 --flags R --win " + HUGE, "bad --win '" + HUGE + "' — expected a whole number from 0 to 65535 — see 'help inject'"),
            Map.entry("listen b:81 --backlog " + HUGE, "bad --backlog '" + HUGE + "' — expected a whole number from 1 to 2147483647 — see 'help listen'"),
            Map.entry("write c1 --bytes " + HUGE, "bad --bytes '" + HUGE + "' — expected a whole number from 1 to 2147483647 — see 'help write'"),
            Map.entry("read c1 " + HUGE, "bad MAX '" + HUGE + "' — expected a whole number from 0 to 2147483647 — see 'help read'"),
            Map.entry("link set a->b --bandwidth " + HUGE,
                    "bad --bandwidth '" + HUGE + "' — expected a whole number from 0 to 9223372036854775807 — see 'help link set'"),
            Map.entry("workload start --clients a --server b:80 --connections " + HUGE,
                    "bad --connections '" + HUGE + "' — expected a whole number from 0 to 9223372036854775807 — see 'help workload start'"),
            Map.entry("workload start --clients a --server b:80 --pool " + HUGE,
                    "bad --pool '" + HUGE + "' — expected a whole number from 0 to 2147483647 — see 'help workload start'"),
            Map.entry("workload start --clients a --server b:80 --requests-per-connection " + HUGE,
                    "bad --requests-per-connection '" + HUGE + "' — expected a whole number from 0 to 2147483647 — see 'help workload start'"),
            Map.entry("setopt c1 SO_LINGER " + HUGE,
                    "bad SO_LINGER value '" + HUGE + "' — expected off or seconds, a whole number from 0 to 2147483647 (0 = RST on close)"));

    @Test
    void a_huge_number_is_refused_naming_the_word_and_its_range() {
        f.ok("listen b:80");
        f.ok("connect a b:80");
        f.ok("step 20ms");
        EVERY_WHOLE_NUMBER.forEach((line, expected) -> assertThat(f.error(line)).as(line).isEqualTo(expected));
        assertThat(f.error("rule rm a->b 99999999999")).isEqualTo(
                "bad ID '99999999999' — expected a whole number from 1 to 2147483647 — see 'help rule rm'");
        assertThat(f.error("read c1 -1")).isEqualTo("bad MAX '-1' — expected a whole number from 0 to 2147483647 — see 'help read'");
        assertThat(f.error("listen b:81 --backlog 0")).startsWith("bad --backlog '0' — expected a whole number from 1");
        assertThat(f.error("write c1 --bytes 12k")).startsWith("bad --bytes '12k' — expected a whole number from 1");
        assertThat(f.ok("read c1 +0")).isEqualTo("c1: 0 bytes\n");
    }

    /** Every whole-number argument of every command is in the table above, so a new one cannot miss the check. */
    @Test
    void the_table_covers_every_whole_number_argument() {
        List<String[]> numeric = new ArrayList<>();
        collectNumeric(f.language.commandLine(), numeric);
        assertThat(numeric).hasSizeGreaterThanOrEqualTo(11).allSatisfy(commandAndOption -> assertThat(EVERY_WHOLE_NUMBER.keySet())
                .as(String.join(" ", commandAndOption))
                .anyMatch(line -> line.startsWith(commandAndOption[0] + " ") && line.contains(commandAndOption[1])));
    }

    /** (command, option name or "" for a positional parameter) of every int or long argument. */
    private static void collectNumeric(picocli.CommandLine cmd, List<String[]> out) {
        for (picocli.CommandLine.Model.ArgSpec arg : cmd.getCommandSpec().args()) {
            Class<?> t = arg.type();
            if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
                String option = arg instanceof picocli.CommandLine.Model.OptionSpec o ? o.longestName() + " " : "";
                out.add(new String[] {cmd.getCommandSpec().qualifiedName(" ").strip(), option});
            }
        }
        cmd.getSubcommands().values().forEach(sub -> collectNumeric(sub, out));
    }

    @Test
    void quotes_must_be_closed_and_comments_are_ignored() {
        assertThat(f.error("write c1 \"hello")).isEqualTo("unterminated double quote — close it with \"");
        assertThat(f.ok("# a comment")).isEmpty();
        assertThat(f.ok("   ")).isEmpty();
    }

    @Test
    void help_lists_every_command_and_each_has_its_own() {
        String help = f.ok("help");
        for (String c : f.language.commandNames()) assertThat(help).contains(c);
        assertThat(f.ok("help connect")).contains("Open a connection").contains("as NAME");
        assertThat(f.ok("connect --help")).contains("connect [-hV]");
    }

    @Test
    void the_hint_to_start_a_workload_names_this_emulations_hosts() {
        try (io.tcpemu.emulation.Emulation emu = clientAndServer()) {
            CommandLanguage.Result r = new CommandLanguage(new Session(emu, line -> {})).execute("workload status");
            assertThat(r.ok()).isFalse();
            assertThat(r.error()).isEqualTo("no workload — start one with 'workload start --clients client --server server:80'");
        }
        assertThat(f.error("workload status")).isEqualTo("no workload — start one with 'workload start --clients a --server b:80'");
    }

    @Test
    void the_hint_to_start_a_workload_avoids_a_port_the_server_listens_on() {
        try (io.tcpemu.emulation.Emulation emu = clientAndServer()) {
            CommandLanguage console = new CommandLanguage(new Session(emu, line -> {}));
            assertThat(console.execute("listen server:80").ok()).isTrue();
            assertThat(console.execute("listen server:8080").ok()).isTrue();
            CommandLanguage.Result r = console.execute("workload status");
            assertThat(r.error()).isEqualTo("no workload — start one with 'workload start --clients client --server server:8081'");
            assertThat(console.execute("workload start --clients client --server server:8081").ok()).isTrue();   // the hint works
        }
    }

    /** Hosts named client and server, as in handshake.conf, rather than the fixture's a and b. */
    private static io.tcpemu.emulation.Emulation clientAndServer() {
        io.tcpemu.runtime.Topology t = io.tcpemu.runtime.Topology.builder().seed(7)
                .host(io.tcpemu.runtime.HostSpec.of("client", "10.0.0.1", ConsoleFixture.TCP))
                .host(io.tcpemu.runtime.HostSpec.of("server", "10.0.0.2", ConsoleFixture.TCP))
                .link("client", "server", 1_000).build();
        return io.tcpemu.emulation.Emulation.virtual(t, 7);
    }
}
