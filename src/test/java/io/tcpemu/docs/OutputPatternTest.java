package io.tcpemu.docs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The placeholders of docs/executable-docs.md, and the rewrite that keeps them. */
class OutputPatternTest {

    @Test
    void an_ellipsis_line_stands_for_any_lines_and_the_rest_must_be_there_in_order() {
        OutputPattern p = new OutputPattern(List.of("...", "PASS: 3 expectations hold", "", "results: results/handshake"));
        assertThat(p.matches(List.of("run: 1s emulated", "x", "PASS: 3 expectations hold", "", "results: results/handshake"))).isTrue();
        assertThat(p.matches(List.of("PASS: 3 expectations hold", "", "results: results/handshake"))).isTrue();
        assertThat(p.matches(List.of("FAIL: refused: expected 2, measured 1", "", "results: results/handshake"))).isFalse();
        assertThat(p.matches(List.of("PASS: 3 expectations hold", "", "results: results/handshake", "more"))).isFalse();
    }

    @Test
    void n_is_a_number_star_any_text_and_spaces_any_run_of_spaces() {
        OutputPattern p = new OutputPattern(List.of("client  <n>  <n>  <*>", "took <n> s"));
        assertThat(p.matches(List.of("client     1,799   0.5   300 (capped by 300 ports)", "took 12 s"))).isTrue();
        assertThat(p.matches(List.of("client  many  0.5  x", "took 12 s"))).isFalse();
        assertThat(p.matches(List.of("client 1 2 x", "took s"))).isFalse();
    }

    @Test
    void the_rewrite_takes_the_real_output_and_keeps_the_placeholders_that_still_fit() {
        OutputPattern p = new OutputPattern(List.of("...", "attempts <n>", "PASS"));
        assertThat(p.updated(List.of("run: 2s", "attempts 40", "FAIL: x"))).containsExactly("...", "attempts <n>", "FAIL: x");
        OutputPattern head = new OutputPattern(List.of("run: <n>s emulated", "old line", "..."));
        assertThat(head.updated(List.of("run: 3s emulated", "new line", "tail"))).containsExactly("run: <n>s emulated", "new line", "...");
        OutputPattern gone = new OutputPattern(List.of("a", "...", "b"));
        assertThat(new OutputPattern(gone.updated(List.of("z"))).matches(List.of("z"))).isTrue();
        OutputPattern none = new OutputPattern(List.of("to be filled"));
        assertThat(none.updated(List.of("a", "b"))).containsExactly("a", "b");
    }

    @Test
    void a_command_line_splits_as_the_shell_splits_it() {
        assertThat(DocBlocks.words("./tcpemu run conf/x.conf --set 'a=b c' \"d\"   # a comment"))
                .containsExactly("run", "conf/x.conf", "--set", "a=b c", "d");
        assertThatThrownBy(() -> DocBlocks.words("mvn -B verify")).hasMessageContaining("not a tcpemu command");
    }
}
