package io.tcpemu.reliability;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.console.CommandLanguage;
import io.tcpemu.console.Session;
import io.tcpemu.emulation.Emulation;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.Topology;
import io.tcpemu.runtime.fault.FaultRule;
import io.tcpemu.runtime.fault.RuleSyntaxException;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.TimeHorizon;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Extreme durations (0, 1, the horizon, just past it, Long.MAX_VALUE, more digits than a long,
 * negative, fractions, exponents) through every place a user types one: each is taken within
 * the {@link TimeHorizon} or refused with one line, never wrapped into "at once".
 */
class ExtremeDurationsTest {
    private static final List<String> CONFIG_KEYS = List.of("duration", "host-defaults.tcp.msl", "host-defaults.tcp.time-wait",
            "host-defaults.tcp.rto-initial", "host-defaults.tcp.rto-max", "host-defaults.tcp.fin-wait-2-timeout",
            "link-defaults.delay", "link-defaults.jitter.amount", "link-defaults.reorder-delay", "link-defaults.msl",
            "workload.think-time", "workload.close-skew", "output.sample-interval");
    /** Beyond the horizon, however written. */
    private static final List<String> TOO_LONG = List.of("99999999999999999999m", "9223372036854775807us", "36501d",
            "3153600000000001us", "1e30s", "52560001m");

    private final Session session = new Session(Emulation.virtual(Topology.builder().seed(3)
            .host(HostSpec.of("a", "10.0.0.1", Profile.LINUX.config()))
            .host(HostSpec.of("b", "10.0.0.2", Profile.LINUX.config()))
            .link("a", "b", 5_000).build(), 3), line -> { });
    private final CommandLanguage console = new CommandLanguage(session);

    @AfterProperty
    void stop() { session.close(); }

    @Provide
    Arbitrary<String> durations() {
        return Arbitraries.oneOf(Arbitraries.of(TOO_LONG),
                Arbitraries.of("0s", "1us", "0.5us", "1s", "3153600000000000us", "36500d", "-1s", "-0s", "1.5.5s", "NaN s", "1 d"),
                Arbitraries.longs().map(n -> n + "us"), Arbitraries.longs().map(n -> n + "m"));
    }

    @Property(tries = 300)
    void config_durations_are_within_the_horizon_or_one_line(@ForAll("durations") String value) {
        for (String key : CONFIG_KEYS) {
            ConfigLoader.Result r = ConfigLoader.parse("hosts { a {}, b {} }\nlinks = [ { between = [a, b] } ]\n", "x.conf",
                    List.of(key + "=" + value));
            if (TOO_LONG.contains(value)) assertThat(r).as(key + "=" + value).isInstanceOf(ConfigLoader.Invalid.class);
            if (r instanceof ConfigLoader.Invalid i) {
                for (String line : i.message().split("\n")) {
                    assertThat(line).as(key + "=" + value).doesNotContain("Exception").matches("(--set |x\\.conf:\\d+: ).+");
                }
            }
        }
    }

    @net.jqwik.api.Example
    void a_rule_takes_days_as_the_config_does() {
        assertThat(io.tcpemu.runtime.fault.Durations.parseMicros("2d")).isEqualTo(172_800_000_000L);
        assertThat(FaultRule.parse("delay syn 2d").toString()).isEqualTo("delay syn 2d");   // was: word 3 '2d' was not expected
    }

    @Property(tries = 300)
    void rule_durations_are_within_the_horizon_or_one_line(@ForAll("durations") String value) {
        for (String rule : List.of("delay syn " + value, "duplicate syn delay " + value, "delay 2nd fin by " + value)) {
            try {
                FaultRule parsed = FaultRule.parse(rule);
                assertThat(TOO_LONG).as(rule).doesNotContain(value);
                assertThat(parsed.toString()).isNotBlank();
            } catch (RuleSyntaxException e) {
                assertThat(e.getMessage()).as(rule).doesNotContain("\n").startsWith("bad fault rule \"" + rule + "\": ");
            }
        }
    }

    @Property(tries = 100)
    void console_durations_are_within_the_horizon_or_one_line(@ForAll("durations") String value) {
        for (String line : List.of("link set a->b --delay " + value, "link set a<->b --jitter " + value, "step " + value)) {
            if (line.startsWith("step") && !TOO_LONG.contains(value)) continue; // a long step in range is a long step
            CommandLanguage.Result r = console.execute(line);
            if (TOO_LONG.contains(value)) {
                assertThat(r.ok()).as(line).isFalse();
            }
            if (!r.ok()) assertThat(r.error()).as(line).doesNotContain("\n").doesNotContain("Exception");
        }
        assertThat(console.execute("now").output()).startsWith("now ");
    }
}
