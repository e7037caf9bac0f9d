package io.tcpemu.pkt;

import io.tcpemu.tcp.Flags;

import java.util.List;
import java.util.stream.Collectors;

/** One line of a script: a packet, a system call, or something the emulator skips. */
public sealed interface Event {
    /** The line on which the event starts (for reports). */
    int line();

    Timing time();

    /** Which way a packet goes, seen from the host under test. */
    enum Direction {
        /** {@code <}: the script injects it. */
        INBOUND("<"),
        /** {@code >}: the script expects the host to send it. */
        OUTBOUND(">");

        private final String symbol;

        Direction(String symbol) { this.symbol = symbol; }

        public String symbol() { return symbol; }
    }

    /**
     * {@code +0 > S. 0:0(0) ack 1 win 65535 <mss 1460,nop,wscale 7>}.
     *
     * @param flags    {@link Flags} bits
     * @param startSeq relative sequence number (unsigned 32-bit)
     * @param length   payload bytes
     * @param ack      relative acknowledgment number, or -1 when not written
     * @param window   the window, or -1 when not written (then not checked)
     * @param options  the options; null for {@code <...>} (don't check)
     * @param srcPort  an explicit source port ({@code < 40001>8080 S ...}), or 0 for the script's usual one
     * @param dstPort  an explicit destination port, or 0
     */
    record Packet(int line, Timing time, Direction direction, int flags, long startSeq, int length,
                  long ack, int window, List<TcpOption> options, int srcPort, int dstPort) implements Event {

        public Packet(int line, Timing time, Direction direction, int flags, long startSeq, int length,
                      long ack, int window, List<TcpOption> options) {
            this(line, time, direction, flags, startSeq, length, ack, window, options, 0, 0);
        }

        public boolean optionsUnchecked() { return options == null; }

        @Override public String toString() {
            StringBuilder sb = new StringBuilder()
                    .append(time).append(' ').append(direction.symbol()).append(' ')
                    .append(srcPort == 0 && dstPort == 0 ? "" : srcPort + ">" + dstPort + " ").append(flagsText(flags))
                    .append(' ').append(startSeq).append(':').append(startSeq + length).append('(').append(length).append(')');
            if (ack >= 0) sb.append(" ack ").append(ack);
            if (window >= 0) sb.append(" win ").append(window);
            if (options == null) sb.append(" <...>");
            else if (!options.isEmpty()) {
                sb.append(" <").append(options.stream().map(Object::toString).collect(Collectors.joining(","))).append('>');
            }
            return sb.toString();
        }

        /** packetdrill's flag order: S, F, R, P, then '.' for ACK; "-" for none. */
        public static String flagsText(int flags) {
            StringBuilder sb = new StringBuilder();
            if (Flags.has(flags, Flags.SYN)) sb.append('S');
            if (Flags.has(flags, Flags.FIN)) sb.append('F');
            if (Flags.has(flags, Flags.RST)) sb.append('R');
            if (Flags.has(flags, Flags.PSH)) sb.append('P');
            if (Flags.has(flags, Flags.ACK)) sb.append('.');
            return sb.length() == 0 ? "-" : sb.toString();
        }
    }

    /**
     * {@code +0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)}.
     *
     * @param end    for a blocking call ({@code +.1...0.2 connect}), when it returns (same base as the
     *               start); -1 for a call that returns at once
     * @param errno  the expected errno symbol, or null
     * @param note   the text in parentheses after the result, or null
     */
    record Syscall(int line, Timing time, long end, String name, List<Expr> args, Expr result,
                   String errno, String note) implements Event {

        public boolean blocking() { return end >= 0; }

        public Expr arg(int i) { return i < args.size() ? args.get(i) : null; }

        @Override public String toString() {
            StringBuilder sb = new StringBuilder().append(time);
            if (blocking()) sb.append("...").append(Timing.seconds(end));
            sb.append(' ').append(name).append('(')
                    .append(args.stream().map(Object::toString).collect(Collectors.joining(", ")))
                    .append(") = ").append(result);
            if (errno != null) sb.append(' ').append(errno);
            if (note != null) sb.append(" (").append(note).append(')');
            return sb.toString();
        }
    }

    /**
     * A line the emulator cannot honour (a shell command, a Python block, an ioctl, an unknown
     * option): kept with its text so it is reported, not silently passed.
     *
     * @param reason why it is skipped, for the report
     * @param text   the source text of the action, as written
     */
    record Skipped(int line, Timing time, String reason, String text) implements Event {
        /** The text on one line, for reports. */
        public String oneLine() { return text.replaceAll("\\s*\\R\\s*", " "); }

        @Override public String toString() { return time.kind() == Timing.Kind.NONE ? text : time + " " + text; }
    }

    /**
     * A backquoted shell command of {@code sysctl} lines ({@code `sysctl -q net.ipv4.tcp_rfc1337=1`}):
     * the host settings it maps to are applied to the host before the run starts.
     *
     * @param settings    host keys as {@code --set} takes them ({@code tcp.rst-in-time-wait=ignore})
     * @param unsupported why part of the command is not applied (a sysctl the emulator lacks), or null
     * @param text        the command as written
     */
    record Sysctl(int line, Timing time, List<String> settings, String unsupported, String text) implements Event {
        @Override public String toString() { return (time.kind() == Timing.Kind.NONE ? "" : time + " ") + "`" + text + "`"; }
    }
}
