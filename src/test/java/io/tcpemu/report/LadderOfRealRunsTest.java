package io.tcpemu.report;

import static io.tcpemu.testkit.Time.ms;
import static io.tcpemu.testkit.Time.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcpemu.report.Ladder.Arrow;
import io.tcpemu.report.Ladder.Row;
import io.tcpemu.run.Runner;
import io.tcpemu.run.RunResult;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.State;
import io.tcpemu.testkit.Conn;
import io.tcpemu.testkit.Scenario;
import io.tcpemu.trace.TraceEvent;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;

/** Ladders of traces the emulator really produced, for the defects users found in them. */
class LadderOfRealRunsTest {

    @Test
    void synLossDrawsEveryLostSyn() throws Exception {
        List<RunResult> runs = io.tcpemu.run.ScenarioFile.run(Path.of("conf/syn-loss.conf"), List.of(), Runner.Options.quiet());
        List<TraceEvent> events = runs.get(0).events();
        Ladder ladder = Ladder.of(events, Ladder.connections(events).get(0));

        assertThat(arrows(ladder)).extracting(Arrow::label, Arrow::lost).containsExactly(
                org.assertj.core.api.Assertions.tuple("SYN seq=0", true),
                org.assertj.core.api.Assertions.tuple("SYN seq=0 (retx)", true),
                org.assertj.core.api.Assertions.tuple("SYN seq=0 (retx)", true),
                org.assertj.core.api.Assertions.tuple("SYN seq=0 (retx)", true));
        assertThat(LadderText.render(ladder).lines().filter(l -> l.contains("X ")).count()).isEqualTo(4);
        assertThat(LadderMermaid.render(ladder).lines().filter(l -> l.contains("-x")).count()).isEqualTo(4);
        assertThat(Xml.elements(Xml.parse(LadderSvg.render(ladder)), "text"))
                .filteredOn(t -> t.getTextContent().equals("X")).hasSize(4);
        // the server only listened: its side is named from the link and starts in LISTEN
        assertThat(ladder.right().title()).isEqualTo("server 10.0.0.2:80");
        assertThat(ladder.left().initial()).isEqualTo(State.CLOSED);
        assertThat(ladder.right().initial()).isEqualTo(State.LISTEN);
    }

    /** RFC 793 figure 10: a crashes, reopens from the same port; both incarnations number from 0. */
    @Test
    void eachIncarnationOfATupleIsNumberedFromItsOwnSyn() {
        try (Scenario scenario = Scenario.builder().host("a").host("b").link("a", "b", ms(10)).profile(Profile.RFC9293).build()) {
            scenario.listen("b", 80);
            Conn a = scenario.connect("a", 40000, "b", 80);
            scenario.advance(ms(10));
            a.crash();
            scenario.advanceTo(ms(1200));
            Conn again = scenario.connect("a", 40000, "b", 80);
            scenario.advance(s(1));

            List<String> labels = arrows(Ladder.of(scenario.trace(), again.tuple())).stream().map(Arrow::label).toList();
            assertThat(labels).containsSubsequence(
                    "SYN seq=0", "SYN ACK seq=0 ack=1", "ACK ack=1",     // the first incarnation
                    "SYN seq=0", "ACK ack=1", "RST seq=1",               // the second meets the half-open first
                    "SYN seq=0 (retx)", "SYN ACK seq=0 ack=1", "ACK ack=1");
            assertThat(labels).allSatisfy(l -> assertThat(l).doesNotContainPattern("=4294\\d{6}"));
        }
    }

    private static List<Arrow> arrows(Ladder ladder) {
        return ladder.rows().stream().map(Row::arrow).filter(Objects::nonNull).toList();
    }
}
