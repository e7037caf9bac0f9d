package io.tcpemu.pkt;

import java.util.List;

/** The SO_LINGER value {@code {onoff=1, linger=0}}: with linger on and 0 seconds, close() sends RST. */
public record Linger(boolean on, int seconds) {

    /** Reads {@code {onoff=N, linger=N}}; null if the expression has another shape. */
    public static Linger of(Expr e) {
        if (!(e instanceof Expr.Struct s) || s.items().size() != 2) return null;
        Long onoff = field(s.items(), "onoff");
        Long linger = field(s.items(), "linger");
        if (onoff == null || linger == null) return null;
        return new Linger(onoff != 0, (int) (long) linger);
    }

    /** True if close() aborts the connection (RST, no FIN). */
    public boolean abortsOnClose() { return on && seconds == 0; }

    private static Long field(List<Expr> items, String name) {
        for (Expr item : items) {
            if (item instanceof Expr.Binary b && b.op().equals("=") && b.lhs() instanceof Expr.Word w
                    && w.name().equals(name) && b.rhs() instanceof Expr.Int i) {
                return i.value();
            }
        }
        return null;
    }
}
