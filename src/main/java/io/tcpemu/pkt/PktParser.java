package io.tcpemu.pkt;

import io.tcpemu.tcp.TimeHorizon;
import io.tcpemu.pkt.Token.Kind;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses packetdrill scripts (the grammar of google/packetdrill's {@code parser.y}, the parts a TCP
 * lifecycle emulator can use). Recursive descent: this class reads options, times and dispatches
 * each event to {@link PacketParser} or {@link SyscallParser}. Errors are {@link PktSyntaxException}s
 * naming the line and what was expected.
 */
public final class PktParser {
    private static final String TIME_FORMS = "a time (such as 0, +0, +.1, * or 0.1~0.2)";

    private final Cursor in;

    private PktParser(Cursor in) { this.in = in; }

    public static Script parse(String file, String source) { return parse(file, source, Set.of()); }

    /** Parses with these names defined for {@code #ifdef} (the CLI's --define). */
    public static Script parse(String file, String source, Set<String> defines) {
        return new PktParser(new Cursor(file, Conditionals.apply(file, source, defines))).script();
    }

    /** Reads and parses a script file; the file's name is used in messages. */
    public static Script parse(Path path) throws IOException {
        return parse(path.getFileName().toString(), Files.readString(path));
    }

    private Script script() {
        Map<String, String> options = options();
        List<Event> events = new ArrayList<>();
        while (!in.atEnd()) events.add(event());
        return new Script(in.file(), options, List.copyOf(events));
    }

    private Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        while (in.peek().is(Kind.OPTION)) {
            String text = in.next().text().substring(2);
            int eq = text.indexOf('=');
            options.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
        }
        return options;
    }

    private Event event() {
        Token first = in.peek();
        if (first.is(Kind.COMMAND) || first.is(Kind.CODE)) return skippedBlock(first.line(), Timing.NONE);
        if (first.is(Kind.OPTION)) throw in.error(first, "options such as " + first.describe() + " must come before the first event");
        Timing time = timing();
        Event event = action(first.line(), time);
        checkTimeAllowed(event, first);
        return event;
    }

    private Event action(int line, Timing time) {
        Token t = in.peek();
        if (t.is("<") || t.is(">")) return PacketParser.parse(in, line, time);
        if (t.is(Kind.COMMAND) || t.is(Kind.CODE)) return skippedBlock(line, time);
        if (t.is(Kind.ELLIPSIS) || (t.is(Kind.WORD) && in.peek(1).is("("))) return SyscallParser.parse(in, line, time);
        throw in.error(t, "expected a packet ('<' or '>'), a system call, a `command` or a %{ code }% block after the time, got "
                + t.describe());
    }

    private Event skippedBlock(int line, Timing time) {
        Token t = in.next();
        if (t.is(Kind.COMMAND)) {
            Event.Sysctl sysctl = Sysctls.parse(line, time, t.text());
            if (sysctl != null) return sysctl;
        }
        String reason = t.is(Kind.COMMAND) ? "shell commands are not run by the emulator" : "Python blocks are not run by the emulator";
        return new Event.Skipped(line, time, reason, in.textFrom(t));
    }

    private Timing timing() {
        Token t = in.peek();
        if (in.accept("*")) return Timing.ANY;
        boolean relative = in.accept("+");
        long start = seconds(relative ? "a number after '+'" : TIME_FORMS + " at the start of an event");
        if (!in.accept("~")) return relative ? Timing.relative(start) : Timing.absolute(start);
        if (relative) in.expect("+", "before the end of a relative time range (+0.1~+0.2)");
        long end = seconds("the end of the time range after '~'");
        if (end < start) throw in.error(t, "time range " + Timing.seconds(start) + "~" + Timing.seconds(end) + " is backwards");
        return new Timing(relative ? Timing.Kind.RELATIVE_RANGE : Timing.Kind.ABSOLUTE_RANGE, start, end);
    }

    /** A time in seconds ({@code 1}, {@code 0.100}, {@code .1}) as microseconds. */
    long seconds(String expected) {
        Token t = in.peek();
        if (!t.is(Kind.INTEGER) && !t.is(Kind.FLOAT)) throw in.error(t, "expected " + expected + ", got " + t.describe());
        in.next();
        BigDecimal micros = new BigDecimal(t.text()).movePointRight(6);
        if (micros.compareTo(BigDecimal.valueOf(TimeHorizon.MICROS)) > 0) {
            throw in.error(t, "expected a time of at most " + TimeHorizon.TEXT + " (" + TimeHorizon.MICROS / 1_000_000 + " s), got " + t.text());
        }
        return micros.longValue();
    }

    /** packetdrill's rule: '*' and ranges are only for packets the host sends. */
    private void checkTimeAllowed(Event event, Token first) {
        Timing.Kind kind = event.time().kind();
        if (kind != Timing.Kind.ANY && !event.time().isRange()) return;
        if (event instanceof Event.Packet p && p.direction() == Event.Direction.OUTBOUND) return;
        if (event instanceof Event.Skipped || event instanceof Event.Sysctl) return;
        String what = kind == Timing.Kind.ANY ? "event time *" : "event time range " + event.time();
        throw in.error(first, what + " can only be used with outbound ('>') packets");
    }

    /** Exposed to the sub-parsers: the blocking end time of {@code +.1...0.2 connect(...)}. */
    static long seconds(Cursor in, String expected) { return new PktParser(in).seconds(expected); }
}
