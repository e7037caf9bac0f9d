package io.tcpemu.run;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.Settings;
import io.tcpemu.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: a host's {@code backlog} and {@code reuse-addr} were read, then ignored by the
 * listeners a script opens (which took the console's fixed defaults: 128, off).
 */
class HostSettingsUsedTest {

    private static RunResult run(String text, String... overrides) {
        ConfigLoader.Result loaded = ConfigLoader.parse(text, "test.conf", List.of(overrides));
        if (loaded instanceof ConfigLoader.Invalid i) throw new AssertionError(i.message());
        Settings s = ((ConfigLoader.Loaded) loaded).settings();
        return Runner.run(s, "", Runner.Options.quiet());
    }

    /** Three connects whose final ACKs are all lost stay half-open on b: its backlog decides how many it keeps. */
    private static final String HALF_OPEN = """
            hosts { a {}, b {} }
            links = [ { between = [a, b], delay = 1ms, rules = ["drop ack from a"] } ]
            duration = 100ms
            script = [
              { at = 0ms,  do = "listen b:80" }
              { at = 10ms, do = "connect a b:80 as c1" }
              { at = 10ms, do = "connect a b:80 as c2" }
              { at = 10ms, do = "connect a b:80 as c3" }
            ]
            """;

    @Test
    void a_script_listener_keeps_the_hosts_backlog() {
        assertThat(backlogDrops(run(HALF_OPEN, "hosts.b.backlog=1"))).isEqualTo(2);
        assertThat(backlogDrops(run(HALF_OPEN))).isZero();
        assertThat(backlogDrops(run(HALF_OPEN.replace("listen b:80", "listen b:80 --backlog 2"), "hosts.b.backlog=1")))
                .as("the line's own --backlog wins").isEqualTo(1);
    }

    /** b closes first, so port 80 is held by b's TIME-WAIT when the script listens on it again. */
    private static final String RELISTEN = """
            hosts { a {}, b {} }
            links = [ { between = [a, b], delay = 1ms } ]
            duration = 200ms
            script = [
              { at = 0ms,   do = "listen b:80" }
              { at = 0ms,   do = "accept b:80 as s1" }
              { at = 10ms,  do = "connect a b:80 as c1" }
              { at = 50ms,  do = "close s1" }
              { at = 60ms,  do = "close c1" }
              { at = 100ms, do = "unlisten b:80" }
              { at = 110ms, do = "listen b:80" }
            ]
            """;

    @Test
    void a_script_listener_takes_the_hosts_reuse_addr() {
        assertThat(run(RELISTEN).outcomes()).as("reuse-addr = true, the default").isEmpty();
        assertThat(run(RELISTEN, "hosts.b.reuse-addr=false").outcomes()).singleElement().asString().contains("EADDRINUSE");
        assertThat(run(RELISTEN.replace("at = 110ms, do = \"listen b:80\"", "at = 110ms, do = \"listen b:80 --no-reuseaddr\""))
                .outcomes()).as("the line's own --no-reuseaddr wins").singleElement().asString().contains("EADDRINUSE");
    }

    private static long backlogDrops(RunResult r) {
        List<TraceEvent> events = r.events();
        return events.stream().filter(e -> e instanceof TraceEvent.HostEvent h && h.kind().equals("backlog-overflow")).count();
    }
}
