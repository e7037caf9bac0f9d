package io.tcpemu.pkt;

import io.tcpemu.pkt.KernelVerdict.Outcome;

import java.util.List;

/**
 * One script run on the real kernel and on the emulator, and where the two first part ways.
 *
 * @param script   the script's name as shown (its path under the folder given)
 * @param kernel   the kernel's verdict
 * @param emulator tcpemu's result
 */
public record Comparison(String script, KernelVerdict kernel, PktResult emulator) {

    /** True when both ran and both passed (what every script of the suite must do). */
    public boolean bothPass() { return kernel.outcome() == Outcome.PASS && emulator.passed(); }

    /** True when the kernel ran and the two verdicts differ (the script says where). */
    public boolean differ() {
        return kernel.outcome() != Outcome.NOT_RUN && (kernel.outcome() == Outcome.PASS) != emulator.passed();
    }

    /** The emulator's column: PASS, PASS with how many lines it did not check, or FAIL. */
    public String emulatorColumn() {
        if (!emulator.passed()) return "FAIL";
        int unchecked = emulator.notChecked();
        return unchecked == 0 ? "PASS" : "PASS (" + unchecked + " not checked)";
    }

    /** Where they first differ: the first line one matched and the other did not, or "" when both pass. */
    public String firstDifference() {
        PktResult.Failure f = emulator.failure();
        String tcpemu = f == null ? null : "line " + f.line() + ": expected " + f.expected() + ", but " + f.actual();
        String linux = "line " + (kernel.line() > 0 ? kernel.line() : "?") + ": " + kernel.detail();
        return switch (kernel.outcome()) {
            case NOT_RUN -> "kernel not run (" + kernel.detail() + ")" + (tcpemu == null ? "" : "; tcpemu " + tcpemu);
            case PASS -> tcpemu == null ? "" : "tcpemu " + tcpemu;
            case FAIL -> {
                if (tcpemu == null) yield "kernel " + linux;
                if (kernel.line() == f.line()) yield "both fail at line " + f.line() + ": kernel: " + kernel.detail() + "; tcpemu: " + f.actual();
                yield kernel.line() > 0 && kernel.line() < f.line() ? "kernel " + linux + " (tcpemu fails later, " + tcpemu + ")"
                        : "tcpemu " + tcpemu + " (the kernel fails later, " + linux + ")";
            }
        };
    }

    /** The table: one row per script (kernel, tcpemu, first difference), then a count. */
    public static String table(List<Comparison> rows) {
        int width = Math.max("script".length(), rows.stream().mapToInt(r -> r.script().length()).max().orElse(0));
        int tcpemuWidth = Math.max("tcpemu".length(), rows.stream().mapToInt(r -> r.emulatorColumn().length()).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        String format = "%-" + width + "s  %-7s  %-" + tcpemuWidth + "s  %s";
        sb.append(String.format(format, "script", "kernel", "tcpemu", "first difference").stripTrailing()).append('\n');
        for (Comparison r : rows) {
            String kernel = r.kernel().outcome() == Outcome.NOT_RUN ? "-" : r.kernel().outcome().name();
            sb.append(String.format(format, r.script(), kernel, r.emulatorColumn(), r.firstDifference()).stripTrailing()).append('\n');
        }
        long differ = rows.stream().filter(Comparison::differ).count();
        long both = rows.stream().filter(Comparison::bothPass).count();
        long notRun = rows.stream().filter(r -> r.kernel().outcome() == Outcome.NOT_RUN).count();
        sb.append(rows.size()).append(rows.size() == 1 ? " script: " : " scripts: ").append(both).append(" pass on both, ")
                .append(differ).append(" differ");
        long bothFail = rows.size() - both - differ - notRun;
        if (bothFail > 0) sb.append(", ").append(bothFail).append(" fail on both");
        if (notRun > 0) sb.append(", ").append(notRun).append(" not run on the kernel");
        return sb.append('\n').toString();
    }
}
