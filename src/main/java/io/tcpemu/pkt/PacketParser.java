package io.tcpemu.pkt;

import io.tcpemu.pkt.Event.Direction;
import io.tcpemu.pkt.Token.Kind;
import io.tcpemu.tcp.Flags;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one packet line after its time: {@code < S. 0:0(0) ack 1 win 5792 <mss 1460,nop,wscale 2>}.
 * Features the emulator does not model (ECN flags, UDP/ICMP, IP fields, urgent pointer, options
 * such as TCP Fast Open or MD5) make the line a {@link Event.Skipped} rather than an error.
 */
final class PacketParser {
    private static final long MAX_U32 = 0xFFFF_FFFFL;

    private final Cursor in;
    private final int line;
    private final Timing time;
    private final Token first;
    private Direction direction;
    private String skipReason;

    private PacketParser(Cursor in, int line, Timing time) {
        this.in = in;
        this.line = line;
        this.time = time;
        this.first = in.peek();
    }

    static Event parse(Cursor in, int line, Timing time) {
        return new PacketParser(in, line, time).packet();
    }

    private Event packet() {
        direction = in.next().is("<") ? Direction.INBOUND : Direction.OUTBOUND;
        if (unsupportedPrefix()) return skipped();
        int[] ports = ports();
        int flags = flags();
        long[] seq = sequence();
        long ack = -1;
        int window = -1;
        List<TcpOption> options = List.of();
        while (!in.atLineEnd(line)) {
            if (in.accept("ack")) ack = number(MAX_U32, "ack");
            else if (in.accept("win")) window = (int) number(65535, "win");
            else if (in.accept("urg")) { number(65535, "urg"); skip("the urgent pointer is not modelled"); }
            else if (in.peek().is("<")) options = options();
            else throw in.error(in.peek(), "unexpected " + in.peek().describe() + " after the packet; expected ack, win or <options>");
        }
        if (skipReason != null) return skipped();
        checkInbound(window, options);
        return new Event.Packet(line, time, direction, flags, seq[0], (int) seq[1], ack, window, options, ports[0], ports[1]);
    }

    /** UDP, ICMP, tunnels, explicit ports and IP fields: parsed past, reported as skipped. */
    private boolean unsupportedPrefix() {
        Token t = in.peek();
        String word = t.is(Kind.WORD) ? t.text() : "";
        switch (word) {
            case "udp", "icmp" -> skip(word.toUpperCase() + " packets are not emulated");
            case "ipv4", "ipv6", "gre", "mpls" -> skip("encapsulated (" + word + ") packets are not emulated");
            default -> {
                if (t.is("[") || t.is("(")) skip("IP header fields (ECN, TOS, TTL, flow label) are not modelled");

            }
        }
        return skipReason != null;
    }

    /** {@code 40001>8080} before the flags: explicit source and destination ports; {0, 0} when absent. */
    private int[] ports() {
        if (!(in.peek().is(Kind.INTEGER) && in.peek(1).is(">"))) return new int[] {0, 0};
        int src = (int) number(65535, "the source port", in.next());
        in.next();
        int dst = (int) number(65535, "the destination port", in.expectOnLine(Kind.INTEGER, "a destination port after '>'", line));
        return new int[] {src, dst};
    }

    private int flags() {
        Token t = in.peek();
        if (in.accept("-")) return 0;
        if (in.accept(".")) return Flags.ACK;
        if (!t.is(Kind.WORD)) throw badFlag(t);
        in.next();
        int flags = 0;
        for (char c : t.text().toCharArray()) {
            switch (c) {
                case 'S' -> flags |= Flags.SYN;
                case 'F' -> flags |= Flags.FIN;
                case 'R' -> flags |= Flags.RST;
                case 'P' -> flags |= Flags.PSH;
                case 'E', 'W' -> skip("ECN flags (E, W) are not modelled");
                case 'U' -> skip("the URG flag is not modelled");
                default -> throw badFlag(t);
            }
        }
        if (in.accept(".")) flags |= Flags.ACK;
        return flags;
    }

    private PktSyntaxException badFlag(Token t) {
        String got = in.atLineEnd(line) ? "the end of the line" : t.describe();
        return new PktSyntaxException(in.file(), line, "expected a flag (S, ., P, F, R) after '" + direction.symbol() + "', got " + got);
    }

    /** {@code start:end(length)}, returned as {start, length}. */
    private long[] sequence() {
        String expected = "a sequence range start:end(length) after the flags";
        Token t = in.expectOnLine(Kind.INTEGER, expected, line);
        long start = u32(t, "sequence number");
        in.expectOnLine(":", "between the start and end of the sequence range", line);
        long end = u32(in.expectOnLine(Kind.INTEGER, "the end of the sequence range after ':'", line), "sequence number");
        in.expectOnLine("(", "and the payload length after " + start + ":" + end, line);
        long length = parseLong(in.expectOnLine(Kind.INTEGER, "the payload length after '('", line));
        in.expectOnLine(")", "after the payload length", line);
        if (length > 65535) throw in.error(t, "payload length " + length + " out of range: expected 0 to 65535");
        if (end != ((start + length) & MAX_U32)) {
            throw in.error(t, "inconsistent sequence range " + start + ":" + end + "(" + length + "): end - start must equal the length");
        }
        return new long[] {start, length};
    }

    private List<TcpOption> options() {
        in.expectOnLine("<", "to start the TCP options", line);
        if (in.accept(Kind.ELLIPSIS)) {
            in.expectOnLine(">", "after '<...'", line);
            return null;
        }
        List<TcpOption> options = new ArrayList<>();
        do {
            TcpOption o = option();
            if (o != null) options.add(o);
        } while (in.accept(","));
        in.expectOnLine(">", "or ',' in the TCP option list", line);
        return options;
    }

    private TcpOption option() {
        Token t = in.expectOnLine(Kind.WORD, "a TCP option (mss, wscale, sackOK, sack, TS, nop, eol)", line);
        return switch (t.text()) {
            case "nop" -> new TcpOption.Nop();
            case "eol" -> new TcpOption.Eol();
            case "mss" -> new TcpOption.Mss((int) number(65535, "mss"));
            case "wscale" -> new TcpOption.WindowScale((int) number(255, "wscale"));
            case "sackOK" -> new TcpOption.SackPermitted();
            case "sack" -> sack();
            case "TS" -> timestamp();
            default -> {
                skip("TCP option '" + t.text() + "' is not modelled");
                while (!in.atLineEnd(line) && !in.peek().is(",") && !in.peek().is(">")) in.next();
                yield null;
            }
        };
    }

    private TcpOption sack() {
        List<long[]> blocks = new ArrayList<>();
        do {
            long left = u32(in.expectOnLine(Kind.INTEGER, "a SACK block left:right", line), "SACK edge");
            in.expectOnLine(":", "in the SACK block", line);
            long right = u32(in.expectOnLine(Kind.INTEGER, "the right edge of the SACK block", line), "SACK edge");
            blocks.add(new long[] {left, right});
        } while (!in.atLineEnd(line) && in.peek().is(Kind.INTEGER));
        return new TcpOption.Sack(blocks);
    }

    private TcpOption timestamp() {
        in.expectOnLine("val", "after 'TS'", line);
        long val = number(MAX_U32, "TS val");
        in.expectOnLine("ecr", "after the TS value", line);
        return new TcpOption.Timestamp(val, number(MAX_U32, "TS ecr"));
    }

    private void checkInbound(int window, List<TcpOption> options) {
        if (direction != Direction.INBOUND) return;
        if (options == null) throw in.error(first, "<...> for TCP options can only be used with outbound ('>') packets");
        if (window < 0) throw in.error(first, "an inbound packet needs a window: expected 'win N'");
    }

    private long number(long max, String after) {
        return number(max, after, in.expectOnLine(Kind.INTEGER, "a number after '" + after + "'", line));
    }

    private long number(long max, String after, Token t) {
        long v = parseLong(t);
        if (v > max) throw in.error(t, after + " " + t.text() + " out of range: expected 0 to " + max);
        return v;
    }

    private long u32(Token t, String what) {
        long v = parseLong(t);
        if (v > MAX_U32) throw in.error(t, what + " " + t.text() + " out of range: expected 0 to " + MAX_U32);
        return v;
    }

    private long parseLong(Token t) {
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw in.error(t, "number " + t.text() + " is too large");
        }
    }

    private void skip(String reason) {
        if (skipReason == null) skipReason = reason;
    }

    private Event skipped() {
        in.skipLine(line);
        return new Event.Skipped(line, time, skipReason, in.textFrom(first));
    }
}
