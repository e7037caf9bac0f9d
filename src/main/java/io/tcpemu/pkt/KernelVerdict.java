package io.tcpemu.pkt;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the real kernel made of a script, from run-on-kernel.sh's output.
 *
 * @param outcome PASS, FAIL, or NOT_RUN (no packetdrill, not root, no network namespace)
 * @param detail  for FAIL packetdrill's first error (with the script and actual packet when it gives
 *                them), for NOT_RUN why, for PASS a note on timing reruns or ""
 * @param line    the script line packetdrill stopped at, or 0 if unknown
 */
public record KernelVerdict(Outcome outcome, String detail, int line) {
    public enum Outcome { PASS, FAIL, NOT_RUN }

    private static final Pattern ERROR_LINE = Pattern.compile("^[^\\s:]+\\.pkt:(\\d+): ");

    public static KernelVerdict notRun(String why) { return new KernelVerdict(Outcome.NOT_RUN, why, 0); }

    /** Reads run-on-kernel.sh's verdict: exit 0 PASS, 1 FAIL, 2 could not run. */
    static KernelVerdict of(int exit, String output) {
        List<String> lines = Arrays.stream(output.split("\\R")).filter(l -> !l.isBlank()).toList();
        String first = lines.isEmpty() ? "" : lines.get(0);
        if (exit == 2 || !(first.startsWith("PASS ") || first.startsWith("FAIL "))) {
            return notRun(first.isEmpty() ? "run-on-kernel.sh exited " + exit + " without a verdict" : first.replaceFirst("^ERROR ", ""));
        }
        String rest = first.substring(first.indexOf(' ') + 1);
        if (exit == 0) {
            int paren = rest.indexOf(" (");
            return new KernelVerdict(Outcome.PASS, paren < 0 ? "" : rest.substring(paren + 2, rest.length() - 1), 0);
        }
        int colon = rest.indexOf(": ");
        String error = colon < 0 ? rest : rest.substring(colon + 2);
        Matcher m = ERROR_LINE.matcher(error);
        int line = 0;
        if (m.find()) {
            line = Integer.parseInt(m.group(1));
            error = error.substring(m.end());
        }
        StringBuilder detail = new StringBuilder(error);
        for (String l : lines.subList(1, lines.size())) {
            if (l.strip().startsWith("script packet:") || l.strip().startsWith("actual packet:")) detail.append("; ").append(l.strip());
        }
        return new KernelVerdict(Outcome.FAIL, detail.toString(), line);
    }
}
