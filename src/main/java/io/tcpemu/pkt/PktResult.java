package io.tcpemu.pkt;

import java.util.List;

/**
 * How one script fared. It passed only if every line that ran matched; it is fully checked only
 * if no line was skipped, and {@code --strict} asks for both. A packet line is checked whole: every
 * field the script writes (the window and options too) is compared.
 *
 * @param failure    the first line that did not match (packetdrill stops there), or null
 * @param checked    how many lines were run and checked
 * @param notChecked how many lines were skipped (not run at all)
 * @param notes      why each line was skipped, for the report
 */
public record PktResult(String file, Failure failure, int checked, int notChecked, List<String> notes) {

    /** @param expected the script line; @param actual what the emulator did instead */
    public record Failure(int line, String expected, String actual) {}

    public boolean passed() { return failure == null; }

    /** True if nothing was skipped: a PASS then means every line matched. */
    public boolean fullyChecked() { return notChecked == 0; }

    /** The verdict: under {@code strict} a line or field not checked fails the script. */
    public boolean passed(boolean strict) { return passed() && (!strict || fullyChecked()); }

    /** The report text as {@link #format(boolean)} without --strict. */
    public String format() { return format(false); }

    /**
     * "PASS file (n lines checked)", "PASS file (n lines checked, m lines not checked)", or FAIL with
     * the failing line, what it expected and what happened; then one note per unchecked line.
     */
    public String format(boolean strict) {
        StringBuilder sb = new StringBuilder();
        sb.append(passed(strict) ? "PASS " : "FAIL ").append(file).append(" (").append(lines(checked)).append(" checked");
        if (notChecked > 0) sb.append(", ").append(lines(notChecked)).append(" not checked");
        if (passed() && strict && !fullyChecked()) sb.append("; --strict fails a script with lines not checked");
        sb.append(")\n");
        if (failure != null) {
            sb.append("  ").append(file).append(':').append(failure.line()).append(": expected ").append(failure.expected()).append('\n');
            sb.append("  ").append(" ".repeat(file.length() + Integer.toString(failure.line()).length() + 2))
                    .append("  but ").append(failure.actual()).append('\n');
        }
        for (String note : notes) sb.append("  note: ").append(note).append('\n');
        return sb.toString();
    }

    private static String lines(int n) { return n + (n == 1 ? " line" : " lines"); }
}
