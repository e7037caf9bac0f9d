package io.tcpemu.repl;

import io.tcpemu.console.CommandLanguage;
import io.tcpemu.console.Session;
import io.tcpemu.emulation.Emulation;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the Tab key offers: commands, options, enum values, host names and connection ids. */
class CompletionTest {
    @TempDir Path dir;
    Terminal terminal;
    Session session;
    CommandLanguage language;
    LineReader reader;

    @BeforeEach void start() throws Exception {
        terminal = TerminalBuilder.builder().system(false).streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())
                .type("dumb").dumb(true).build();
        session = new Session(Emulation.virtual(ReplCommand.defaultTopology(1), 1), l -> { });
        language = new CommandLanguage(session);
        reader = new Console(terminal, language, dir.resolve("h")).reader();
    }

    @AfterEach void stop() throws Exception {
        session.close();
        terminal.close();
    }

    List<String> complete(String line) {
        ParsedLine parsed = reader.getParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        ((org.jline.reader.impl.LineReaderImpl) reader).getCompleter().complete(reader, parsed, candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void commands_complete_from_their_first_letters() {
        assertThat(complete("clo")).contains("close");
        assertThat(complete("")).contains("connect", "listen", "step", "run", "ladder", "rule", "show");
    }

    @Test
    void options_enum_values_hosts_and_connections_complete() {
        assertThat(complete("listen b:80 --")).contains("--backlog", "--reuseaddr");
        assertThat(complete("show ")).contains("conns", "host", "counters", "links", "rules");
        assertThat(complete("connect ")).contains("a", "b");
        assertThat(complete("rule ")).contains("add", "rm", "list");
        assertThat(complete("link set ")).contains("a->b", "b->a");
        assertThat(complete("link set a->b --jitter-distribution ")).contains("uniform", "pareto");
        assertThat(complete("step ")).contains("10ms", "1s", "1m", "1h");
        language.execute("listen b:80");
        language.execute("connect a b:80 as web");
        assertThat(complete("close ")).contains("web");
        assertThat(complete("setopt web ")).contains("SO_LINGER", "SO_REUSEADDR");
    }

    /** Issue 21: 'run until <Tab>' offered 'for idle is until' (and inserted 'for'); names and states completed nothing. */
    @Test
    void run_completes_word_by_word_with_connection_names_and_states() {
        language.execute("listen b:80");
        language.execute("connect a b:80 as web");
        assertThat(complete("run ")).containsExactly("until", "for");
        assertThat(complete("run until ")).containsExactly("idle", "web");
        assertThat(complete("run until web ")).containsExactly("is");
        assertThat(complete("run until web is ")).contains("TIME-WAIT", "ESTABLISHED", "CLOSED").hasSize(11);
        assertThat(complete("run until web is TIME-WAIT --max ")).contains("10s", "1h");
        assertThat(complete("run for ")).contains("100ms", "1h");
    }

    @Test
    void every_argument_kind_completes_durations_hosts_addresses_and_rule_words() {
        assertThat(complete("rule add ")).containsExactly("drop", "delay", "duplicate");
        assertThat(complete("rule add drop ")).contains("next", "2nd", "syn", "fin", "rst");
        assertThat(complete("rule add drop next fin ")).contains("from", "in", "delay");
        assertThat(complete("rule add drop next fin from ")).containsExactly("a", "b");
        assertThat(complete("rule add drop ack in ")).contains("TIME-WAIT", "LAST-ACK");
        assertThat(complete("rule add delay ")).contains("100ms", "1s");
        assertThat(complete("listen ")).containsExactly("a:80", "b:80");
        assertThat(complete("connect a ")).containsExactly("a:80", "b:80");
        assertThat(complete("link set a->b --delay ")).contains("10ms");
        assertThat(complete("workload start --close ")).contains("client-first", "server-first");
        assertThat(complete("workload start --duration ")).contains("1m");
        assertThat(complete("inject --flags ")).contains("S", "F.", "R");
        assertThat(complete("help ")).contains("run", "rule", "workload", "history", "clear");
        assertThat(complete("help rule ")).contains("add", "rm", "list");
    }
}
