package io.tcpemu.pkt;

import java.util.List;
import java.util.stream.Collectors;

/** A system call argument or result, printed as packetdrill writes it. */
public sealed interface Expr {
    /** {@code ...}: anything (arguments the emulator fills in, such as addresses). */
    record Ellipsis() implements Expr {
        @Override public String toString() { return "..."; }
    }

    /** A number; {@code hex} keeps the written base for printing. */
    record Int(long value, boolean hex) implements Expr {
        @Override public String toString() { return hex ? "0x" + Long.toHexString(value) : Long.toString(value); }
    }

    /** A symbol: {@code SOCK_STREAM}, {@code SO_LINGER}, {@code O_NONBLOCK}. */
    record Word(String name) implements Expr {
        @Override public String toString() { return name; }
    }

    /** {@code "bytes"}, with {@code ...} after it when {@code open}. */
    record Str(String value, boolean open) implements Expr {
        @Override public String toString() {
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"' + (open ? "..." : "");
        }
    }

    /** {@code [1]}, {@code [..., 4]}. */
    record Array(List<Expr> items) implements Expr {
        @Override public String toString() { return "[" + join(items) + "]"; }
    }

    /** {@code {onoff=1, linger=0}}: a structure of fields. */
    record Struct(List<Expr> items) implements Expr {
        @Override public String toString() { return "{" + join(items) + "}"; }
    }

    /** {@code htons(8080)}, {@code msg_name(...)}. */
    record Call(String name, List<Expr> args) implements Expr {
        @Override public String toString() { return name + "(" + join(args) + ")"; }
    }

    /** {@code a|b} or {@code field=value}. */
    record Binary(String op, Expr lhs, Expr rhs) implements Expr {
        @Override public String toString() { return lhs + op + rhs; }
    }

    private static String join(List<Expr> items) {
        return items.stream().map(Expr::toString).collect(Collectors.joining(", "));
    }
}
