package io.tcpemu.pkt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * poll(2) on one fd, as a script writes it: {@code poll([{fd=3, events=POLLOUT, revents=POLLOUT}], 1, 1000)}.
 *
 * @param fd             the fd polled
 * @param events         the events asked for (POLL* bits)
 * @param revents        the events the script expects back, or -1 for {@code ...}
 * @param timeoutMillis  poll's timeout: 0 answers at once, -1 waits for ever
 */
record Poll(int fd, int events, int revents, long timeoutMillis) {
    static final int POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10;
    /** Linux's values (asm-generic/poll.h). */
    static final Map<String, Integer> BITS = bits();

    private static Map<String, Integer> bits() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("POLLIN", POLLIN);
        m.put("POLLPRI", 0x2);
        m.put("POLLOUT", POLLOUT);
        m.put("POLLERR", POLLERR);
        m.put("POLLHUP", POLLHUP);
        m.put("POLLNVAL", 0x20);
        m.put("POLLRDNORM", 0x40);
        m.put("POLLRDBAND", 0x80);
        m.put("POLLWRNORM", 0x100);
        m.put("POLLWRBAND", 0x200);
        m.put("POLLRDHUP", 0x2000);
        return Map.copyOf(m);
    }

    /** The call's poll, or null if it has another shape (several fds, unknown bits): then it is not modelled. */
    static Poll of(Event.Syscall call) {
        if (!(call.arg(0) instanceof Expr.Array a) || a.items().size() != 1 || !(a.items().get(0) instanceof Expr.Struct s)) return null;
        if (!(call.arg(1) instanceof Expr.Int n) || n.value() != 1 || !(call.arg(2) instanceof Expr.Int timeout)) return null;
        Integer fd = null, events = null, revents = null;
        for (Expr item : s.items()) {
            if (!(item instanceof Expr.Binary b && b.op().equals("=") && b.lhs() instanceof Expr.Word field)) return null;
            switch (field.name()) {
                case "fd" -> fd = b.rhs() instanceof Expr.Int i ? (int) i.value() : null;
                case "events" -> events = mask(b.rhs());
                case "revents" -> revents = b.rhs() instanceof Expr.Ellipsis ? Integer.valueOf(-1) : mask(b.rhs());
                default -> { return null; }
            }
        }
        if (fd == null || events == null || revents == null) return null;
        return new Poll(fd, events, revents, timeout.value());
    }

    private static Integer mask(Expr e) { return mask(e, BITS); }

    /** {@code A|B|0x4} with the names in {@code bits}; null if a name is unknown. */
    static Integer mask(Expr e, Map<String, Integer> bits) {
        if (e instanceof Expr.Int i) return (int) i.value();
        if (e instanceof Expr.Word w) return bits.get(w.name());
        if (e instanceof Expr.Binary b && b.op().equals("|")) {
            Integer l = mask(b.lhs(), bits);
            Integer r = mask(b.rhs(), bits);
            return l == null || r == null ? null : l | r;
        }
        return null;
    }

    /** POLLOUT|POLLERR as a script writes it; "0" for none. */
    static String text(int mask) {
        if (mask == 0) return "0";
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : BITS.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList()) {
            if ((mask & e.getValue()) != 0) sb.append(sb.length() == 0 ? "" : "|").append(e.getKey());
        }
        return sb.toString();
    }
}
