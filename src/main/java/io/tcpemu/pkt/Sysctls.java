package io.tcpemu.pkt;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a backquoted command made of {@code sysctl} assignments into the host settings they stand for. */
final class Sysctls {
    private static final Pattern ASSIGNMENT = Pattern.compile("sysctl(?:\\s+-[qw]+)*\\s+([\\w.]+)\\s*=\\s*(\\S+)");

    private Sysctls() {}

    /**
     * The command as an {@link Event.Sysctl}, or null if it is not only sysctl assignments (then it
     * is a shell command the emulator does not run).
     */
    static Event.Sysctl parse(int line, Timing time, String command) {
        List<String> settings = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String statement : command.split("\\R|;|&&")) {
            String st = statement.strip();
            if (st.isEmpty()) continue;
            Matcher m = ASSIGNMENT.matcher(st);
            if (!m.matches()) return null;
            String key = HostPolicy.hostKey(m.group(1), m.group(2).replace("\"", ""));
            if (key == null) unknown.add(m.group(1));
            else settings.add(key);
        }
        if (settings.isEmpty() && unknown.isEmpty()) return null;
        String why = unknown.isEmpty() ? null : "sysctl " + String.join(", ", unknown) + " not modelled (the emulator honours "
                + String.join(", ", HostPolicy.sysctls()) + ")";
        return new Event.Sysctl(line, time, List.copyOf(settings), why, command.strip());
    }
}
