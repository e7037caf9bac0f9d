package io.tcpemu.pkt;

import java.util.List;

/**
 * How one script fared: PASS only if every supported line matched.
 *
 * @param failure the first line that did not match (packetdrill stops there), or null
 * @param checked how many lines were run and checked
 * @param notes   skipped lines and fields not compared, for the report
 */
public record PktResult(String file, Failure failure, int checked, List<String> notes) {

    /** @param expected the script line; @param actual what the emulator did instead */
    public record Failure(int line, String expected, String actual) {}

    public boolean passed() { return failure == null; }

    /** The report text: "PASS file (n lines checked, m notes)" or the failing line, expectation and outcome. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(passed() ? "PASS " : "FAIL ").append(file)
                .append(" (").append(checked).append(checked == 1 ? " line" : " lines").append(" checked)\n");
        if (failure != null) {
            sb.append("  ").append(file).append(':').append(failure.line()).append(": expected ").append(failure.expected()).append('\n');
            sb.append("  ").append(" ".repeat(file.length() + Integer.toString(failure.line()).length() + 2))
                    .append("  but ").append(failure.actual()).append('\n');
        }
        for (String note : notes) sb.append("  note: ").append(note).append('\n');
        return sb.toString();
    }
}
