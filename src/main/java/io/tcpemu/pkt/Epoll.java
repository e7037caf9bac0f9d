package io.tcpemu.pkt;

import java.util.HashMap;
import java.util.Map;

/**
 * An epoll event as a script writes it, {@code {events=EPOLLOUT, fd=3}}: level-triggered epoll is
 * poll(2) on the fds of its interest list, with the same bits (EPOLLIN is POLLIN, ...).
 *
 * @param events the EPOLL* bits
 * @param fd     the fd the event names
 */
record Epoll(int events, int fd) {
    /** Edge-triggered and one-shot delivery, which poll has no equivalent of. */
    static final int EPOLLET = 1 << 31, EPOLLONESHOT = 1 << 30;
    private static final Map<String, Integer> BITS = bits();

    private static Map<String, Integer> bits() {
        Map<String, Integer> m = new HashMap<>();
        Poll.BITS.forEach((name, bit) -> m.put("E" + name, bit));
        m.put("EPOLLET", EPOLLET);
        m.put("EPOLLONESHOT", EPOLLONESHOT);
        return Map.copyOf(m);
    }

    /** The event, or null if it has another shape ({@code ptr=}, {@code u32=}, unknown bits). */
    static Epoll of(Expr e) {
        if (!(e instanceof Expr.Struct s)) return null;
        Integer events = null, fd = null;
        for (Expr item : s.items()) {
            if (!(item instanceof Expr.Binary b && b.op().equals("=") && b.lhs() instanceof Expr.Word field)) return null;
            switch (field.name()) {
                case "events" -> events = mask(b.rhs());
                case "fd" -> fd = b.rhs() instanceof Expr.Int i ? (int) i.value() : null;
                default -> { return null; }
            }
        }
        return events == null || fd == null ? null : new Epoll(events, fd);
    }

    /** Why this epoll call cannot be modelled, or null. */
    static String whyNot(Event.Syscall call) {
        return switch (call.name()) {
            case "epoll_create" -> null;
            case "epoll_ctl" -> call.arg(1) instanceof Expr.Word op && op.name().startsWith("EPOLL_CTL_")
                    && (op.name().equals("EPOLL_CTL_DEL") || levelTriggered(of(call.arg(3)))) ? null
                    : "epoll_ctl other than EPOLL_CTL_ADD/MOD/DEL of a level-triggered {events=..., fd=N} is not modelled";
            default -> levelTriggered(of(call.arg(1))) && call.arg(2) instanceof Expr.Int && call.arg(3) instanceof Expr.Int ? null
                    : "epoll_wait other than for one level-triggered {events=..., fd=N} is not modelled";
        };
    }

    private static boolean levelTriggered(Epoll e) {
        return e != null && (e.events() & (EPOLLET | EPOLLONESHOT)) == 0;
    }

    private static Integer mask(Expr e) { return Poll.mask(e, BITS); }

    /** EPOLLOUT|EPOLLERR as a script writes it; "0" for none. */
    static String text(int mask) {
        String poll = Poll.text(mask);
        return poll.equals("0") ? poll : "E" + poll.replace("|", "|E");
    }
}
