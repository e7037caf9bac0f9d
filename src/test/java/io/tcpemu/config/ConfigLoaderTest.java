package io.tcpemu.config;

import io.tcpemu.config.ConfigLoader.Invalid;
import io.tcpemu.config.ConfigLoader.InvalidConfigException;
import io.tcpemu.config.ConfigLoader.Loaded;
import io.tcpemu.config.HostSettings.PortAlgorithm;
import io.tcpemu.config.LinkSettings.Distribution;
import io.tcpemu.config.OutputSettings.Switch;
import io.tcpemu.config.RunSettings.TimeMode;
import io.tcpemu.config.WorkloadSettings.CloseMode;
import io.tcpemu.config.WorkloadSettings.Process;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.tcp.TcpConfig.Handshake;
import io.tcpemu.tcp.TcpConfig.RstInTimeWait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private static final String TWO_HOSTS = """
            hosts { a {}, b {} }
            links = [ { between = [a, b] } ]
            """;

    private static Settings load(String text, String... overrides) {
        ConfigLoader.Result result = ConfigLoader.parse(text, "test.conf", List.of(overrides));
        if (result instanceof Invalid invalid) throw new AssertionError(invalid.message());
        return ((Loaded) result).settings();
    }

    private static List<String> problems(String text, String... overrides) {
        ConfigLoader.Result result = ConfigLoader.parse(text, "test.conf", List.of(overrides));
        assertThat(result).isInstanceOf(Invalid.class);
        return ((Invalid) result).problems().stream().map(ConfigProblem::toString).toList();
    }

    // ---- defaults

    @Test
    void an_empty_scenario_gets_every_default() {
        Settings s = ConfigLoader.defaults();
        assertThat(s.run()).isEqualTo(new RunSettings(1, TimeMode.VIRTUAL, 1.0, 60 * SECOND, 0));
        assertThat(s.hosts()).isEmpty();
        assertThat(s.links()).isEmpty();
        assertThat(s.script()).isEmpty();
        assertThat(s.workload().enabled()).isFalse();
        assertThat(s.sweep().enabled()).isFalse();
        assertThat(s.output()).isEqualTo(new OutputSettings("results", false, "", Switch.AUTO, "", 100 * MILLISECOND, true, true, Switch.AUTO,
                OutputSettings.PcapFormat.AUTO, OutputSettings.RUN_START, 2000));
        assertThat(s.expect().isEmpty()).isTrue();
    }

    @Test
    void a_host_without_settings_is_linux_with_the_default_kernel_policies() {
        HostSettings a = load("hosts { a {} }").host("a");
        assertThat(a.profile()).isEqualTo(Profile.LINUX);
        assertThat(a.tcp()).isEqualTo(Profile.LINUX.config());
        assertThat(a.ports()).isEqualTo(new PortRange(32768, 60999));
        assertThat(a.ports().size()).isEqualTo(28232);
        assertThat(a.portAlgorithm()).isEqualTo(PortAlgorithm.HASH);
        assertThat(a.twReuse()).isFalse();
        assertThat(a.maxTwBuckets()).isZero();
        assertThat(a.backlog()).isEqualTo(128);
        assertThat(a.reuseAddr()).isTrue();
    }

    // ---- hosts

    @Test
    void hosts_without_an_address_get_free_ones_in_alphabetical_order() {
        Settings s = load("hosts { c {}, a {}, b { address = \"10.0.0.1\" } }");
        assertThat(s.hosts().keySet()).containsExactly("a", "b", "c");
        assertThat(s.host("b").addressText()).isEqualTo("10.0.0.1");
        assertThat(s.host("a").addressText()).isEqualTo("10.0.0.2");
        assertThat(s.host("c").addressText()).isEqualTo("10.0.0.3");
        assertThat(s.host("a").address()).isEqualTo(SockAddr.parseIp("10.0.0.2"));
    }

    @Test
    void a_profile_gives_its_defaults() {
        assertThat(load("hosts { a { profile = rfc9293 } }").host("a").tcp()).isEqualTo(Profile.RFC9293.config());
    }

    @Test
    void every_tcp_key_overrides_its_field() {
        TcpConfig t = load("""
                hosts { a { profile = rfc9293, tcp {
                  mss = 536, receive-window = 8KiB, send-buffer = 16KiB
                  msl = 1s, time-wait = 3s
                  rto-initial = 500ms, rto-min = 100ms, rto-max = 10s
                  syn-retries = 2, syn-ack-retries = 3, data-retries = 4
                  fin-wait-2-timeout = 7s
                  rst-in-time-wait = ignore, syn-reopens-time-wait = false, challenge-acks = true
                  rst-on-close-with-unread = false, timestamps = true, buffer-out-of-order = false
                  handshake = two-way
                } } }
                """).host("a").tcp();
        assertThat(t).isEqualTo(new TcpConfig(536, 8192, 16384, SECOND, 3 * SECOND,
                500 * MILLISECOND, 100 * MILLISECOND, 10 * SECOND, 2, 3, 4, 7 * SECOND,
                RstInTimeWait.IGNORE, false, true, false, true, false, Handshake.TWO_WAY));
    }

    @Test
    void an_unset_time_wait_follows_msl_under_rfc9293_and_stays_60s_under_linux() {
        assertThat(load("hosts { a { profile = rfc9293, tcp.msl = 1s } }").host("a").tcp().timeWait()).isEqualTo(2 * SECOND);
        assertThat(load("hosts { a { profile = rfc9293, tcp { msl = 1s, time-wait = 0s } } }").host("a").tcp().timeWait()).isZero();
        // Linux's TIME-WAIT is compiled in (TCP_TIMEWAIT_LEN); MSL still drives the links' lifetimes
        TcpConfig linux = load("hosts { a { profile = linux, tcp.msl = 1s } }").host("a").tcp();
        assertThat(linux.timeWait()).isEqualTo(60 * SECOND);
        assertThat(linux.msl()).isEqualTo(SECOND);
        assertThat(load("hosts { a { profile = linux, tcp { msl = 1s, time-wait = 3s } } }").host("a").tcp().timeWait()).isEqualTo(3 * SECOND);
    }

    @Test
    void only_the_overridden_fields_change() {
        TcpConfig t = load("hosts { a { tcp.syn-retries = 1 } }").host("a").tcp();
        assertThat(t).isEqualTo(Profile.LINUX.config().withRetries(1, 5, 15));
    }

    @Test
    void host_defaults_apply_to_every_host_and_a_host_overrides_them() {
        Settings s = load("""
                host-defaults { profile = rfc9293, ports = "1000-1999", tcp.msl = 5s }
                hosts { a {}, b { ports = "2000-2009", tcp.msl = 1s } }
                """);
        assertThat(s.host("a").profile()).isEqualTo(Profile.RFC9293);
        assertThat(s.host("a").ports()).isEqualTo(new PortRange(1000, 1999));
        assertThat(s.host("a").tcp().msl()).isEqualTo(5 * SECOND);
        assertThat(s.host("b").ports().size()).isEqualTo(10);
        assertThat(s.host("b").tcp().msl()).isEqualTo(SECOND);
        assertThat(s.host("b").tcp().rtoMin()).isEqualTo(Profile.RFC9293.config().rtoMin());
    }

    @Test
    void kernel_policies_are_read() {
        HostSettings a = load("""
                hosts { a { port-algorithm = sequential, tw-reuse = true, max-tw-buckets = 100,
                            backlog = 4, reuse-addr = false, ports = "50000" } }
                """).host("a");
        assertThat(a.portAlgorithm()).isEqualTo(PortAlgorithm.SEQUENTIAL);
        assertThat(a.twReuse()).isTrue();
        assertThat(a.maxTwBuckets()).isEqualTo(100);
        assertThat(a.backlog()).isEqualTo(4);
        assertThat(a.reuseAddr()).isFalse();
        assertThat(a.ports()).isEqualTo(new PortRange(50000, 50000));
    }

    // ---- links

    @Test
    void between_gives_both_directions_with_the_same_settings() {
        Settings s = load("""
                hosts { a {}, b {} }
                links = [ { between = [a, b], delay = 5ms, loss = 0.1, duplicate = 0.01, reorder = 0.2,
                            reorder-delay = 2ms, jitter { distribution = pareto, amount = 1ms },
                            bandwidth = 1MiB, queue-limit = 50, msl = 30s, rules = ["drop fin from b"] } ]
                """);
        assertThat(s.links()).hasSize(2);
        LinkSettings ab = s.link("a", "b");
        LinkSettings ba = s.link("b", "a");
        assertThat(ab.name()).isEqualTo("a->b");
        assertThat(ab.delay()).isEqualTo(5 * MILLISECOND);
        assertThat(ab.loss()).isEqualTo(0.1);
        assertThat(ab.duplicate()).isEqualTo(0.01);
        assertThat(ab.reorder()).isEqualTo(0.2);
        assertThat(ab.reorderDelay()).isEqualTo(2 * MILLISECOND);
        assertThat(ab.jitter()).isEqualTo(new LinkSettings.Jitter(Distribution.PARETO, MILLISECOND));
        assertThat(ab.bandwidth()).isEqualTo(1024 * 1024);
        assertThat(ab.queueLimit()).isEqualTo(50);
        assertThat(ab.msl()).isEqualTo(30 * SECOND);
        assertThat(ab.rules()).containsExactly("drop fin from b");
        assertThat(ab.where()).isEqualTo("test.conf:2");
        assertThat(ba.from()).isEqualTo("b");
        assertThat(ba.to()).isEqualTo("a");
        assertThat(ba.delay()).isEqualTo(ab.delay());
        assertThat(ba.rules()).isEqualTo(ab.rules());
    }

    @Test
    void from_to_gives_one_direction_and_link_defaults_fill_in() {
        Settings s = load("""
                hosts { a {}, b {} }
                link-defaults.delay = 7ms
                links = [ { from = a, to = b }, { from = b, to = a, loss = 0.5 } ]
                """);
        assertThat(s.links()).hasSize(2);
        assertThat(s.link("a", "b").delay()).isEqualTo(7 * MILLISECOND);
        assertThat(s.link("a", "b").loss()).isZero();
        assertThat(s.link("b", "a").loss()).isEqualTo(0.5);
        assertThat(s.link("a", "b").jitter().distribution()).isEqualTo(Distribution.NONE);
    }

    // ---- script, workload, sweep, output, expect, run

    @Test
    void script_steps_are_sorted_by_time_and_know_where_they_were_written() {
        List<ScriptStep> steps = load(TWO_HOSTS + """
                script = [
                  { at = 2s, do = "close c1" }
                  { at = 10ms, do = "  connect a b:80 as c1 " }
                ]
                """).script();
        assertThat(steps).containsExactly(
                new ScriptStep(10 * MILLISECOND, "connect a b:80 as c1", "test.conf:5"),
                new ScriptStep(2 * SECOND, "close c1", "test.conf:4"));
    }

    @Test
    void a_workload_is_read_whole() {
        WorkloadSettings w = load(TWO_HOSTS + """
                workload {
                  clients = [a], server = "b:8080"
                  arrival { process = constant, rate = 250.5 }
                  connections = 5000, concurrency-limit = 10
                  request-size = 2KiB, response-size = 10, think-time = 20ms
                  close = server-first, close-skew = 3ms
                  pool { size = 4, requests-per-connection = 100 }
                }
                """).workload();
        assertThat(w.enabled()).isTrue();
        assertThat(w).isEqualTo(new WorkloadSettings(List.of("a"), List.of(new WorkloadSettings.Server("b", 8080)),
                new WorkloadSettings.Arrival(Process.CONSTANT, 250.5), 5000, 10, 2048, 10, 20 * MILLISECOND,
                CloseMode.SERVER_FIRST, 3 * MILLISECOND, new WorkloadSettings.Pool(4, 100)));
    }

    @Test
    void a_sweep_keeps_its_values_as_override_text() {
        SweepSettings sweep = load("""
                sweep { parameter = "workload.arrival.rate", values = [100, 1000.5]
                        parameter-2 = "hosts.a.tcp.time-wait", values-2 = [1s, "60s"] }
                """).sweep();
        assertThat(sweep.axes()).containsExactly(
                new SweepSettings.Axis("workload.arrival.rate", List.of("100", "1000.5")),
                new SweepSettings.Axis("hosts.a.tcp.time-wait", List.of("1s", "60s")));
    }

    @Test
    void output_and_expect_are_read() {
        Settings s = load(TWO_HOSTS + """
                output { dir = out, pcap { enabled = true, where = "a->b", format = pcap, epoch = "2026-01-02T03:04:05.5Z" },
                         ladder = on, connection = c1, ladder-rows = 50,
                         sample-interval = 1s, plots = false, report-html = false, progress = off }
                expect { established = 1, stale-bytes = 0, final-states { c1 = TIME_WAIT, b = closed } }
                """);
        assertThat(s.output()).isEqualTo(new OutputSettings("out", true, "a->b", Switch.ON, "c1", SECOND, false, false, Switch.OFF,
                OutputSettings.PcapFormat.PCAP, java.time.Instant.parse("2026-01-02T03:04:05.5Z").toEpochMilli() * 1000, 50));
        assertThat(s.expect().counts()).isEqualTo(Map.of("established", 1L, "stale-bytes", 0L));
        assertThat(s.expect().finalStates()).isEqualTo(Map.of("c1", State.TIME_WAIT, "b", State.CLOSED));
    }

    @Test
    void a_capture_epoch_that_is_not_a_utc_time_is_one_clear_problem() {
        assertThat(problems("", "output.pcap.epoch=yesterday")).containsExactly("--set output.pcap.epoch=yesterday: output.pcap.epoch: "
                + "expected \"\" (the run's start) or a UTC time such as \"2026-01-01T00:00:00Z\", got \"yesterday\"");
    }

    @Test
    void run_settings_are_read() {
        RunSettings run = load("seed = 42, time { mode = real, scale = 0.5 }, duration = 2m, stop-after-connections = 10").run();
        assertThat(run).isEqualTo(new RunSettings(42, TimeMode.REAL, 0.5, 120 * SECOND, 10));
    }

    @Test
    void a_file_may_wrap_its_settings_in_tcpemu() {
        Settings s = load("tcpemu { seed = 7, hosts.a.tcp.msl = 2s, hosts.b.tcp.msl = ${tcpemu.hosts.a.tcp.msl} }");
        assertThat(s.run().seed()).isEqualTo(7);
        assertThat(s.host("b").tcp().msl()).isEqualTo(2 * SECOND);
    }

    // ---- overrides

    @Test
    void set_overrides_win_over_the_file() {
        Settings s = load(TWO_HOSTS + "workload { clients = [a], server = \"b:80\", arrival.rate = 10 }",
                "workload.arrival.rate=500", "hosts.a.tcp.msl = 3s", "workload.server=b:81", "workload.clients=[b]",
                "workload.server=a:81");
        assertThat(s.workload().arrival().rate()).isEqualTo(500.0);
        assertThat(s.host("a").tcp().msl()).isEqualTo(3 * SECOND);
        assertThat(s.workload().clients()).containsExactly("b");
        assertThat(s.workload().serverHost()).isEqualTo("a");
        assertThat(s.workload().serverPort()).isEqualTo(81);
    }

    @Test
    void set_overrides_are_checked_like_the_file() {
        assertThat(problems("", "hosts.a.tcp.msl=fast", "seeed=3", "nonsense"))
                .containsExactly(
                        "--set hosts.a.tcp.msl=fast: hosts.a.tcp.msl: expected a duration such as 30s, got \"fast\"",
                        "--set nonsense: expected key=value such as workload.arrival.rate=500",
                        "--set seeed=3: seeed: unknown key, did you mean seed?");
    }

    /** Issue 22: "withValue(bar): foo: unknown key" blamed Typesafe's call, not the user's --set. */
    @Test
    void an_override_is_named_whatever_part_of_its_key_is_wrong_and_the_full_tcpemu_path_works() {
        assertThat(problems("", "foo.bar=1")).singleElement().asString().startsWith("--set foo.bar=1: foo: unknown key");
        assertThat(load(TWO_HOSTS, "tcpemu.seed=5").run().seed()).isEqualTo(5);
        assertThat(load("tcpemu { " + TWO_HOSTS + " }", "tcpemu.seed=6").run().seed()).isEqualTo(6);
    }

    /** Issue 22: read through a double, 2^53 + 1 became 2^53 and two seeds gave one run. */
    @Test
    void seeds_beyond_two_to_the_53_are_read_exactly() {
        assertThat(load(TWO_HOSTS + "seed = 9007199254740993").run().seed()).isEqualTo(9007199254740993L);
        assertThat(load(TWO_HOSTS, "seed=9007199254740992").run().seed()).isEqualTo(9007199254740992L);
        assertThat(load(TWO_HOSTS, "seed=-9223372036854775808").run().seed()).isEqualTo(Long.MIN_VALUE);
        assertThat(problems(TWO_HOSTS, "seed=1e19")).containsExactly(
                "--set seed=1e19: seed: expected a whole number from -9223372036854775808 to 9223372036854775807, got 1.0E19");
        // beyond a double too (BadConfigInputTest found it): a NumberFormatException escaped
        assertThat(problems(TWO_HOSTS, "seed=1e400")).singleElement().asString()
                .startsWith("--set seed=1e400: seed: expected a whole number from -9223372036854775808 to 9223372036854775807, got ");
        assertThat(problems(TWO_HOSTS + "seed = -1e400")).singleElement().asString()
                .contains("seed: expected a whole number from -9223372036854775808 to 9223372036854775807, got ");
    }

    @Test
    void a_missing_file_is_one_clear_problem(@TempDir Path dir) {
        Path missing = dir.resolve("nope.conf");
        assertThat(((Invalid) ConfigLoader.load(missing, List.of())).problems())
                .containsExactly(new ConfigProblem(missing.toString(), 0, "", "expected a config file, but there is no such file"));
    }

    @Test
    void load_or_throw_lists_every_problem(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("x.conf"), "seed = x\nduration = y\n");
        assertThatThrownBy(() -> ConfigLoader.loadOrThrow(file))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(file + ":1: seed: expected a whole number, got \"x\"\n"
                        + file + ":2: duration: expected a duration such as 30s, got \"y\"");
    }

    @Test
    void a_file_loads_with_includes_relative_to_it(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("base.conf"), "hosts { a {}, b {} }\n");
        Path file = Files.writeString(dir.resolve("x.conf"), "include \"base.conf\"\nhosts.b.tcp.msl = 1s\n");
        Settings s = ConfigLoader.loadOrThrow(file);
        assertThat(s.hosts().keySet()).containsExactly("a", "b");
        assertThat(s.host("b").tcp().msl()).isEqualTo(SECOND);
    }

    /** Issue 22: an included file that is not HOCON was located in that file alone, not at the line that included it. */
    @Test
    void a_syntax_error_in_an_included_file_names_the_including_file_and_line_too(@TempDir Path dir) throws IOException {
        Path passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Path file = Files.writeString(dir.resolve("a.conf"), "seed = 1\nhosts { a {}, b {} }\ninclude \"" + passwd + "\"\n");
        assertThat(problems(file)).containsExactly(file + ":3: cannot include \"" + passwd + "\": " + passwd
                + ":1: syntax error: Expecting end of input or a comma, got ':'; put a key or value containing ':' in double quotes");
    }

    @Test
    void a_problem_two_includes_deep_names_each_including_line(@TempDir Path dir) throws IOException {
        Path b = Files.writeString(dir.resolve("b.conf"), "seed = 1\ninclude \"c.conf\"\n");
        Path file = Files.writeString(dir.resolve("a.conf"), "include \"b.conf\"\nhosts { a {}, b {} }\n");
        assertThat(problems(file)).containsExactly(file + ":1: cannot include \"b.conf\": " + b + ":2: cannot include \"c.conf\": "
                + "there is no such file (looked for " + dir.toRealPath().resolve("c.conf") + ")");
    }

    /** A wrong type or an unknown key in an included file was named by that file alone, not by the line the user ran. */
    @Test
    void a_schema_error_in_an_included_file_names_the_including_file_and_line_too(@TempDir Path dir) throws IOException {
        Path base = Files.writeString(dir.resolve("base.conf"), "hosts { a {}, b {} }\nseed = fast\nhosts.a.tcp.mls = 1s\n");
        Path file = Files.writeString(dir.resolve("x.conf"), "duration = 1s\n\ninclude \"base.conf\"\n");
        assertThat(problems(file)).containsExactly(
                file + ":3: included \"base.conf\": " + base.toRealPath() + ":2: seed: expected a whole number, got \"fast\"",
                file + ":3: included \"base.conf\": " + base.toRealPath() + ":3: hosts.a.tcp.mls: unknown key, did you mean hosts.a.tcp.mss?");
    }

    /** A script step keeps where it was written, for the console's errors: in an included file, from the including line. */
    @Test
    void a_script_step_in_an_included_file_is_placed_from_the_including_line(@TempDir Path dir) throws IOException {
        Path steps = Files.writeString(dir.resolve("steps.conf"), "script = [\n  { at = 0ms, do = \"listen b:80\" }\n]\n");
        Path file = Files.writeString(dir.resolve("x.conf"), "hosts { a {}, b {} }\ninclude \"steps.conf\"\n");
        Settings s = ConfigLoader.loadOrThrow(file);
        assertThat(s.script()).singleElement().extracting(ScriptStep::where)
                .isEqualTo(file + ":2: included \"steps.conf\": " + steps.toRealPath() + ":2");
    }

    @Test
    void a_schema_error_two_includes_deep_names_each_including_line(@TempDir Path dir) throws IOException {
        Path c = Files.writeString(dir.resolve("c.conf"), "hosts.a.tcp.msl = -1s\n");
        Path b = Files.writeString(dir.resolve("b.conf"), "seed = 1\ninclude \"c.conf\"\n");
        Path file = Files.writeString(dir.resolve("a.conf"), "include \"b.conf\"\nhosts { a {}, b {} }\nduration = x\n");
        assertThat(problems(file)).containsExactly(
                file + ":1: included \"b.conf\": " + b.toRealPath() + ":2: included \"c.conf\": " + c.toRealPath()
                        + ":1: hosts.a.tcp.msl: expected a duration of 0 or more, got \"-1s\"",
                file + ":3: duration: expected a duration such as 30s, got \"x\"");
    }

    /** Issue 22: /etc/hostname holds one word, and an include of it said braces were unclosed. */
    @Test
    void a_bare_word_is_a_key_without_a_value_not_an_unclosed_brace(@TempDir Path dir) throws IOException {
        Path hostname = Files.writeString(dir.resolve("hostname"), "vm\n");
        Path file = Files.writeString(dir.resolve("h.conf"), "hosts { a {}, b {} }\ninclude file(\"" + hostname + "\")\n");
        assertThat(problems(file)).containsExactly(file + ":2: cannot include \"" + hostname + "\": " + hostname
                + ":1: syntax error: expected key = value or key { ... }, but 'vm' has no value: the file ends");
        // located at the word itself, not at the token after it
        Path word = Files.writeString(dir.resolve("w.conf"), "seed = 1\nvm\n\nduration = 1s\n");
        assertThat(problems(word)).containsExactly(word + ":2: syntax error: expected key = value or key { ... }, but 'vm' has no value: got 'duration'");
    }

    private static List<String> problems(Path file) {
        ConfigLoader.Result r = ConfigLoader.load(file, List.of());
        assertThat(r).isInstanceOf(Invalid.class);
        return ((Invalid) r).problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void the_effective_config_renders_and_loads_back_to_the_same_settings() {
        Settings s = load(TWO_HOSTS + "hosts.a.tcp.msl = 1s, workload { clients = [a], server = \"b:80\" }");
        Settings again = load(s.renderEffective());
        assertThat(again.hosts()).isEqualTo(s.hosts());
        assertThat(again.links()).hasSize(2);
        assertThat(again.workload()).isEqualTo(s.workload());
        assertThat(s.renderEffective()).startsWith("tcpemu {").contains("msl=\"1s\"");
    }

    @Test
    void a_count_makes_that_many_hosts_at_consecutive_addresses_and_a_name_for_them_all_means_each() {
        Settings s = load("""
                hosts { client { count = 300, address = "192.168.0.250", tcp.msl = 1s }, server {} }
                routers { gw {} }
                links = [ { between = [client, gw] }, { between = [gw, server] } ]
                workload { clients = [client], server = "server:80" }
                hosts.client.partition = 0, partitions = 2
                """);
        assertThat(s.hosts()).hasSize(301);
        assertThat(s.host("client-1").addressText()).isEqualTo("192.168.0.250");
        assertThat(s.host("client-7").addressText()).isEqualTo("192.168.1.0");
        assertThat(s.host("client-300").addressText()).isEqualTo("192.168.2.37");
        assertThat(s.host("client-300").tcp().msl()).isEqualTo(SECOND);
        assertThat(s.host("client-300").group()).isEqualTo("client");
        assertThat(s.host("server").group()).isEmpty();
        assertThat(s.host("server").addressText()).isEqualTo("10.0.0.1");
        assertThat(s.links()).hasSize(2 * 300 + 2);
        assertThat(s.link("client-150", "gw")).isNotNull();
        assertThat(s.link("gw", "client-150")).isNotNull();
        assertThat(s.workload().clients()).hasSize(300).startsWith("client-1", "client-2").endsWith("client-300");
        assertThat(s.run().partitions().placed()).hasSize(300).containsEntry("client-42", 0);
        assertThat(s.rowOf("client-42")).isEqualTo("client");
        assertThat(s.rowOf("server")).isEqualTo("server");
    }

    @Test
    void counted_hosts_without_an_address_take_the_first_free_block() {
        Settings s = load("hosts { a { address = \"10.0.0.3\" }, b { count = 3 }, c {} }");
        assertThat(s.hosts().keySet()).containsExactly("a", "b-1", "b-2", "b-3", "c");
        assertThat(s.host("b-1").addressText()).isEqualTo("10.0.0.4");
        assertThat(s.host("b-3").addressText()).isEqualTo("10.0.0.6");
        assertThat(s.host("c").addressText()).isEqualTo("10.0.0.7");   // in alphabetical order, after b's block
    }
}
