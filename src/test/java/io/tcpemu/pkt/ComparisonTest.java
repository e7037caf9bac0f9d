package io.tcpemu.pkt;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The differential table: what the kernel and tcpemu each said, and where they first part ways. */
class ComparisonTest {
    private static final PktResult PASSED = new PktResult("a.pkt", null, 7, 0, List.of());
    private static final PktResult SKIPPED = new PktResult("a.pkt", null, 6, 1, List.of("line 3 skipped"));
    private static final PktResult FAILED = new PktResult("a.pkt", new PktResult.Failure(9, "> F. 1:1(0) ack 2 at 0.3 s",
            "the host sent > . 1:1(0) ack 2 win 65535 at 0.3 s: flags . instead of F."), 8, 0, List.of());

    @Test
    void run_on_kernel_output_is_read_into_a_verdict() {
        KernelVerdict fail = KernelVerdict.of(1, """
                FAIL x.pkt: x.pkt:12: error handling packet: live packet field tcp_fin: expected: 1 (0x1) vs actual: 0 (0x0)
                    script packet:  0.300 F. 1:1(0) ack 2
                    actual packet:  0.300 . 1:1(0) ack 2 win 64240
                """);
        assertThat(fail).isEqualTo(new KernelVerdict(KernelVerdict.Outcome.FAIL,
                "error handling packet: live packet field tcp_fin: expected: 1 (0x1) vs actual: 0 (0x0); script packet:  0.300 F. 1:1(0) ack 2;"
                        + " actual packet:  0.300 . 1:1(0) ack 2 win 64240", 12));
        assertThat(KernelVerdict.of(0, "PASS x.pkt (after 1 timing reruns; first: late)\n"))
                .isEqualTo(new KernelVerdict(KernelVerdict.Outcome.PASS, "after 1 timing reruns; first: late", 0));
        assertThat(KernelVerdict.of(2, "ERROR must run as root\n")).isEqualTo(KernelVerdict.notRun("must run as root"));
    }

    @Test
    void the_first_difference_is_the_line_one_side_matched_and_the_other_did_not() {
        KernelVerdict pass = new KernelVerdict(KernelVerdict.Outcome.PASS, "", 0);
        KernelVerdict failAt5 = new KernelVerdict(KernelVerdict.Outcome.FAIL, "Timed out waiting for packet", 5);
        KernelVerdict failAt9 = new KernelVerdict(KernelVerdict.Outcome.FAIL, "live packet field tcp_fin", 9);

        assertThat(new Comparison("a.pkt", pass, PASSED).firstDifference()).isEmpty();
        assertThat(new Comparison("a.pkt", pass, FAILED).firstDifference())
                .isEqualTo("tcpemu line 9: expected > F. 1:1(0) ack 2 at 0.3 s, but the host sent > . 1:1(0) ack 2 win 65535 at 0.3 s: flags . instead of F.");
        assertThat(new Comparison("a.pkt", failAt5, PASSED).firstDifference()).isEqualTo("kernel line 5: Timed out waiting for packet");
        assertThat(new Comparison("a.pkt", failAt5, FAILED).firstDifference()).startsWith("kernel line 5: Timed out waiting for packet (tcpemu fails later, line 9:");
        assertThat(new Comparison("a.pkt", failAt9, FAILED).firstDifference())
                .startsWith("both fail at line 9: kernel: live packet field tcp_fin; tcpemu: the host sent > .");
        assertThat(new Comparison("a.pkt", pass, FAILED).differ()).isTrue();
        assertThat(new Comparison("a.pkt", failAt9, FAILED).differ()).isFalse();
    }

    @Test
    void the_table_shows_both_verdicts_and_counts_them() {
        KernelVerdict pass = new KernelVerdict(KernelVerdict.Outcome.PASS, "", 0);
        String table = Comparison.table(List.of(
                new Comparison("a.pkt", pass, PASSED),
                new Comparison("b.pkt", pass, SKIPPED),
                new Comparison("c.pkt", pass, FAILED),
                new Comparison("d.pkt", KernelVerdict.notRun("must run as root"), PASSED)));

        assertThat(table).isEqualTo("""
                script  kernel   tcpemu                first difference
                a.pkt   PASS     PASS
                b.pkt   PASS     PASS (1 not checked)
                c.pkt   PASS     FAIL                  tcpemu line 9: expected > F. 1:1(0) ack 2 at 0.3 s, but the host sent > . 1:1(0) ack 2 win 65535 at 0.3 s: flags . instead of F.
                d.pkt   -        PASS                  kernel not run (must run as root)
                4 scripts: 2 pass on both, 1 differ, 1 not run on the kernel
                """);
    }
}
