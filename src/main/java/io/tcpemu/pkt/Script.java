package io.tcpemu.pkt;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A parsed packetdrill script.
 *
 * @param file    the name used in messages
 * @param options {@code --name=value} lines at the top (value "" for a bare flag), in order
 * @param events  the events in script order
 */
public record Script(String file, Map<String, String> options, List<Event> events) {

    /** The events the emulator skips, for the report (a sysctl line it applies in full is not one). */
    public List<Event.Skipped> skipped() {
        return events.stream().filter(e -> e instanceof Event.Skipped).map(e -> (Event.Skipped) e).toList();
    }

    /** The script in packetdrill's syntax, one event per line; parsing it again gives the same events. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        options.forEach((k, v) -> sb.append("--").append(k).append(v.isEmpty() ? "" : "=" + v).append('\n'));
        sb.append(events.stream().map(Object::toString).collect(Collectors.joining("\n")));
        return sb.append('\n').toString();
    }
}
