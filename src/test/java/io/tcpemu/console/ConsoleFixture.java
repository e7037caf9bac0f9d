package io.tcpemu.console;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.Topology;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.TcpConfig;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A session over hosts a (10.0.0.1) and b (10.0.0.2), 5 ms apart, on virtual time; it keeps every event line. */
final class ConsoleFixture implements AutoCloseable {
    static final TcpConfig TCP = Profile.LINUX.config();

    final List<String> events = new ArrayList<>();
    final Session session;
    final CommandLanguage language;

    ConsoleFixture() {
        Topology t = Topology.builder().seed(7)
                .host(HostSpec.of("a", "10.0.0.1", TCP)).host(HostSpec.of("b", "10.0.0.2", TCP))
                .link("a", "b", 5_000).build();
        session = new Session(Emulation.virtual(t, 7), line -> { synchronized (events) { events.add(line); } });
        language = new CommandLanguage(session);
    }

    /** b listens on port 80, a connects as c1, and both ends reach ESTABLISHED (at 15 ms). */
    void established() {
        ok("listen b:80");
        ok("connect a b:80");
        ok("run until b.conn1 is ESTABLISHED");
    }

    /** Runs a line that must succeed; returns its output. */
    String ok(String line) {
        CommandLanguage.Result r = language.execute(line);
        assertThat(r.error()).as("error of '" + line + "'").isEmpty();
        return r.output();
    }

    /** Runs a line that must fail; returns the error line. */
    String error(String line) {
        CommandLanguage.Result r = language.execute(line);
        assertThat(r.ok()).as("'" + line + "' should fail").isFalse();
        assertThat(r.error()).doesNotContain("\n").doesNotContain("Exception").isNotBlank();
        return r.error();
    }

    List<String> events() { synchronized (events) { return List.copyOf(events); } }

    /** The event lines that contain every one of {@code parts}. */
    List<String> eventsWith(String... parts) {
        return events().stream().filter(e -> { for (String p : parts) if (!e.contains(p)) return false; return true; }).toList();
    }

    @Override public void close() { session.close(); }
}
