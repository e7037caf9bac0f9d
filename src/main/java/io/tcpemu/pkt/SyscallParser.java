package io.tcpemu.pkt;

import io.tcpemu.pkt.Token.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one system call line after its time:
 * {@code connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)}, and the blocking form
 * {@code ...0.200 connect(...)}. Calls the emulator does not honour become {@link Event.Skipped}
 * (see {@link Support}).
 */
final class SyscallParser {
    private static final int MAX_DEPTH = 64;

    private final Cursor in;
    private String name;
    private int depth;

    private SyscallParser(Cursor in) { this.in = in; }

    static Event parse(Cursor in, int line, Timing time) {
        Token first = in.peek();
        Event.Syscall call = new SyscallParser(in).call(line, time);
        Support.checkArguments(call, in, first);
        String reason = Support.whyNot(call);
        return reason != null ? new Event.Skipped(line, time, reason, in.textFrom(first)) : call;
    }

    private Event.Syscall call(int line, Timing time) {
        long end = -1;
        if (in.accept(Kind.ELLIPSIS)) end = PktParser.seconds(in, "the time the blocking call returns after '...'");
        name = in.expect(Kind.WORD, "a system call name").text();
        List<Expr> args = arguments();
        in.expect("=", "and the expected result after " + name + "(...)");
        Expr result = expression();
        String errno = null;
        if (in.peek().is(Kind.WORD) && in.peek().line() == in.previous().line()) errno = in.next().text();
        String note = in.peek().is("(") && in.peek().line() == in.previous().line() ? note() : null;
        return new Event.Syscall(line, time, end, name, List.copyOf(args), result, errno, note);
    }

    private List<Expr> arguments() {
        in.expect("(", "after the system call name '" + name + "'");
        List<Expr> args = new ArrayList<>();
        if (in.accept(")")) return args;
        do args.add(expression()); while (in.accept(","));
        if (!in.accept(")")) throw in.error(in.peek(), "expected ',' or ')' in the arguments of " + name + ", got " + in.peek().describe());
        return args;
    }

    /** {@code (Operation now in progress)}: the words, as written. */
    private String note() {
        Token open = in.next();
        StringBuilder sb = new StringBuilder();
        int depth = 1;
        while (true) {
            Token t = in.peek();
            if (t.is(Kind.END)) throw in.error(open, "expected ')' to close the note after the result");
            in.next();
            if (t.is("(")) depth++;
            if (t.is(")") && --depth == 0) return sb.toString().strip();
            if (sb.length() > 0) sb.append(' ');
            sb.append(t.text());
        }
    }

    private Expr expression() {
        Expr e = primary();
        while (true) {
            if (in.accept("|")) e = new Expr.Binary("|", e, primary());
            else if ((e instanceof Expr.Word || e instanceof Expr.Call) && in.accept("=")) e = new Expr.Binary("=", e, expression());
            else return e;
        }
    }

    private Expr primary() {
        Token t = in.peek();
        switch (t.kind()) {
            case ELLIPSIS: in.next(); return new Expr.Ellipsis();
            case INTEGER: in.next(); return new Expr.Int(parse(t, t.text(), 10), false);
            case HEX: in.next(); return new Expr.Int(parse(t, t.text().substring(2), 16), true);
            case IPV4: in.next(); return new Expr.Word(t.text());
            case STRING: return string();
            case WORD: return wordOrCall();
            default: break;
        }
        if (in.accept("-")) {
            Token n = in.expect(Kind.INTEGER, "a number after '-'");
            return new Expr.Int(-parse(n, n.text(), 10), false);
        }
        if (in.accept("[")) return new Expr.Array(list("]"));
        if (in.accept("{")) return new Expr.Struct(list("}"));
        throw in.error(t, "expected an argument (a number, a name, \"text\", [...], {...} or ...) in " + name + ", got " + t.describe());
    }

    private Expr string() {
        StringBuilder sb = new StringBuilder();
        while (in.peek().is(Kind.STRING)) sb.append(in.next().text());
        return new Expr.Str(sb.toString(), in.accept(Kind.ELLIPSIS));
    }

    private Expr wordOrCall() {
        String word = in.next().text();
        if (!in.peek().is("(")) return new Expr.Word(word);
        in.next();
        return new Expr.Call(word, list(")"));
    }

    private List<Expr> list(String close) {
        // arguments are read by recursion: a script nesting thousands deep must be an error, not a StackOverflowError
        if (++depth > MAX_DEPTH) throw in.error(in.peek(), "expected [ ], { } and ( ) nested at most " + MAX_DEPTH + " deep in " + name);
        try {
            List<Expr> items = new ArrayList<>();
            if (in.accept(close)) return items;
            do items.add(expression()); while (in.accept(","));
            if (!in.accept(close)) throw in.error(in.peek(), "expected ',' or '" + close + "' in " + name + ", got " + in.peek().describe());
            return items;
        } finally {
            depth--;
        }
    }

    private long parse(Token t, String digits, int radix) {
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw in.error(t, "number " + t.text() + " is too large");
        }
    }
}
