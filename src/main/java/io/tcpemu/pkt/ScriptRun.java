package io.tcpemu.pkt;

import io.tcpemu.tcp.TimeHorizon;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One script's run on one target: its clock, sequence spaces, fds and pending blocking calls.
 * The semantics are {@link PktRunner}'s.
 */
final class ScriptRun {
    private final Script script;
    private final Conventions conv;
    private final Target target;
    private final Wire wire;
    private final Calls calls;
    private final List<String> notes = new ArrayList<>();
    private final List<Blocking> blocking = new ArrayList<>();
    private long last;
    private int checked;
    private int notChecked;
    private final boolean hostSettings;
    /** A packet or call has run: a sysctl after this point still applied from the start. */
    private boolean started;
    /**
     * Some {@code >} line names its ports: the script checks every connection (tcpemu's extension), so
     * every segment is compared; otherwise only the script's connection's, as packetdrill does.
     */
    private final boolean watchesAllPorts;

    private record Blocking(Event.Syscall call, PendingCall pending, long endAt) {}

    /** Thrown to stop the run at the first line that does not match. */
    private static final class Mismatch extends RuntimeException {
        final PktResult.Failure failure;

        Mismatch(int line, String expected, String actual) {
            super(null, null, false, false);
            failure = new PktResult.Failure(line, expected, actual);
        }
    }

    /** @param hostSettings whether the target was built with the script's sysctl settings */
    ScriptRun(Script script, Conventions conv, Target target, boolean hostSettings) {
        this.hostSettings = hostSettings;
        this.script = script;
        this.conv = conv;
        this.target = target;
        this.wire = new Wire(conv);
        this.calls = new Calls(conv, new FdTable(), wire, target);
        this.watchesAllPorts = script.events().stream().anyMatch(e -> e instanceof Event.Packet p
                && p.direction() == Event.Direction.OUTBOUND && (p.dstPort() != 0 || p.srcPort() != 0));
    }

    PktResult execute() {
        script.options().forEach((k, v) -> {
            if (!Conventions.OPTIONS.contains(k) || (k.equals("ip_version") && !v.equals("ipv4"))) {
                notes.add("option --" + k + (v.isEmpty() ? "" : "=" + v) + " ignored (not modelled)");
                notChecked++;
            }
        });
        try {
            for (Event e : script.events()) step(e);
            finishBlocking();
        } catch (Mismatch m) {
            return result(m.failure);
        } catch (Calls.ScriptProblem p) {
            return result(new PktResult.Failure(p.line, "a line the runner can carry out", p.getMessage()));
        }
        return result(null);
    }

    private PktResult result(PktResult.Failure failure) {
        return new PktResult(script.file(), failure, checked, notChecked, List.copyOf(notes));
    }

    private void step(Event e) {
        if (e instanceof Event.Skipped s) {
            notes.add("line " + s.line() + " skipped (" + s.reason() + "): " + s.oneLine());
            notChecked++;
            if (s.time().kind() != Timing.Kind.NONE && s.time().kind() != Timing.Kind.ANY) last = start(s.time());
            return;
        }
        if (e instanceof Event.Sysctl s) {
            sysctl(s);
            return;
        }
        started = true;
        if (e instanceof Event.Packet p && p.direction() == Event.Direction.OUTBOUND) expect(p);
        else if (e instanceof Event.Packet p) inject(p);
        else call((Event.Syscall) e);
        checked++;
    }

    /** The host was built with the sysctl's settings (see {@link PktRunner}); here it is only counted. */
    private void sysctl(Event.Sysctl s) {
        if (!hostSettings && !s.settings().isEmpty()) {
            notes.add("line " + s.line() + " skipped (this target takes no host settings): " + s.toString().replaceAll("\\s*\\R\\s*", " "));
            notChecked++;
        } else if (s.unsupported() != null) {
            notes.add("line " + s.line() + ": " + s.unsupported() + (s.settings().isEmpty() ? "" : "; applied: " + String.join(", ", s.settings())));
            notChecked++;
        } else {
            checked++;
        }
        if (started && !s.settings().isEmpty()) notes.add("line " + s.line() + ": sysctl applied from the start of the run (a host's settings are fixed)");
    }

    // ---- packets ---------------------------------------------------------------------

    private void inject(Event.Packet p) {
        long at = start(p.time());
        advanceTo(at);
        target.inject(wire.toSegment(p));
        last = at;
    }

    private void expect(Event.Packet p) {
        boolean any = p.time().kind() == Timing.Kind.ANY;
        long from = any ? last : start(p.time()) - conv.toleranceMicros();
        long to = any ? last + PktRunner.ANY_HORIZON : end(p.time()) + conv.toleranceMicros();
        Target.Sent sent = target.nextSent(to);
        while (sent != null && unwatched(sent.segment())) {
            notes.add("the host sent " + wire.describe(sent.segment()) + " to port " + sent.segment().dst().port() + " at "
                    + seconds(sent.at()) + ", not compared: the script names no ports on its > lines (packetdrill watches only the script's connection)");
            sent = target.nextSent(to);
        }
        checkBlocking();
        if (sent == null) throw new Mismatch(p.line(), expected(p), "the host sent nothing by " + seconds(to));
        wire.observe(sent.segment(), p);
        List<String> diffs = wire.differences(p, sent.segment());
        if (sent.at() < from) {
            throw new Mismatch(p.line(), expected(p), "the host sent " + wire.describe(sent.segment()) + " at " + seconds(sent.at())
                    + ", too early" + (diffs.isEmpty() ? "" : "; and " + String.join(", ", diffs)));
        }
        if (!diffs.isEmpty()) {
            throw new Mismatch(p.line(), expected(p), "the host sent " + wire.describe(sent.segment()) + " at " + seconds(sent.at())
                    + ": " + String.join(", ", diffs));
        }
        last = any || p.time().isRange() ? sent.at() : start(p.time());
    }

    /** A segment to a peer port other than the script's connection's, in a script that watches only that one. */
    private boolean unwatched(io.tcpemu.tcp.Segment s) {
        return !watchesAllPorts && s.dst().port() != wire.peerPort();
    }

    // ---- system calls ----------------------------------------------------------------

    private void call(Event.Syscall s) {
        long at = start(s.time());
        advanceTo(at);
        PendingCall c = calls.perform(s);
        last = at;
        if (s.blocking()) {
            blocking.add(new Blocking(s, c, s.end() + (s.time().isRelative() ? at - s.time().start() : 0)));
            checkBlocking();
        } else if (!c.done()) {
            throw new Mismatch(s.line(), expected(s, at), "the call did not return at once (a blocking call is written +t...end "
                    + s.name() + "(...), or set O_NONBLOCK)");
        } else {
            checkResult(s, c, at);
        }
    }

    private void checkResult(Event.Syscall s, PendingCall c, long expectedAt) {
        String problem = resultProblem(s, c);
        if (problem != null) throw new Mismatch(s.line(), expected(s, expectedAt), problem);
        long tol = conv.toleranceMicros();
        if (c.at() < expectedAt - tol || c.at() > expectedAt + tol) {
            throw new Mismatch(s.line(), expected(s, expectedAt), "it returned " + c.describe() + " at " + seconds(c.at()));
        }
    }

    /** Null if the result is what the script says. */
    private static String resultProblem(Event.Syscall s, PendingCall c) {
        if (s.result() instanceof Expr.Ellipsis) return null;
        if (!(s.result() instanceof Expr.Int want)) return null;
        boolean valueOk = c.value() == want.value();
        boolean errnoOk = s.errno() == null ? c.errno() == null || want.value() == -1 : s.errno().equals(c.errno());
        if (!valueOk || !errnoOk) return "it returned " + c.describe() + " at " + seconds(c.at());
        return c.outProblem();
    }

    private void checkBlocking() {
        long now = target.now();
        for (Iterator<Blocking> it = blocking.iterator(); it.hasNext(); ) {
            Blocking b = it.next();
            if (b.pending().done()) {
                it.remove();
                checkResult(b.call(), b.pending(), b.endAt());
            } else if (now > b.endAt() + conv.toleranceMicros()) {
                throw new Mismatch(b.call().line(), expected(b.call(), b.endAt()), "it had not returned by " + seconds(now));
            }
        }
    }

    private void finishBlocking() {
        for (Blocking b : List.copyOf(blocking)) {
            target.runUntil(Math.max(target.now(), b.endAt() + conv.toleranceMicros()));
            checkBlocking();
        }
        if (!blocking.isEmpty()) {
            Blocking b = blocking.get(0);
            throw new Mismatch(b.call().line(), expected(b.call(), b.endAt()), "it had not returned by " + seconds(target.now()));
        }
    }

    // ---- time ------------------------------------------------------------------------

    private void advanceTo(long at) {
        if (at > target.now()) target.runUntil(at);
        checkBlocking();
    }

    private long start(Timing t) { return t.isRelative() ? TimeHorizon.plus(last, t.start()) : t.start(); }

    private long end(Timing t) { return t.isRelative() ? TimeHorizon.plus(last, t.end()) : t.end(); }

    /** The line without its time, then when it was due: "> S. 0:0(0) ack 1 at 0.1 s". */
    private static String expected(Event e, String when) {
        String line = e.toString();
        return line.substring(line.indexOf(' ') + 1) + when;
    }

    private String expected(Event.Packet p) {
        if (p.time().kind() == Timing.Kind.ANY) return expected(p, " at any time");
        long from = start(p.time());
        return expected(p, " at " + (p.time().isRange() ? Timing.seconds(from) + "~" + seconds(end(p.time())) : seconds(from)));
    }

    private static String expected(Event.Syscall s, long at) {
        return expected(s, " returning at " + seconds(at));
    }

    private static String seconds(long micros) { return Timing.seconds(micros) + " s"; }
}
