package io.tcpemu.pkt;

import io.tcpemu.tcp.Segment;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.PriorityQueue;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A stand-in host for testing the runner's semantics: a virtual clock, timers, and reactions the
 * test scripts (to an injected segment, to a socket call). It is not a TCP stack.
 */
final class FakeTarget implements Target {
    private record Timer(long at, long order, Runnable action) {}

    private final Deque<Sent> sent = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparingLong(Timer::at).thenComparingLong(Timer::order));
    private long now;
    private long order;
    Consumer<Segment> onInject = s -> { };
    BiFunction<SocketCall, FakeTarget, PendingCall> onCall = (c, t) -> PendingCall.returned(success(c), t.now());

    /** What a call returns when it works: the new fd, the bytes written, or 0. */
    static long success(SocketCall c) {
        if (c instanceof SocketCall.Socket s) return s.fd();
        if (c instanceof SocketCall.Accept a) return a.newFd();
        if (c instanceof SocketCall.Write w) return w.bytes();
        return 0;
    }

    void send(Segment s) { sent.add(new Sent(now, s)); }

    void at(long micros, Runnable action) { timers.add(new Timer(micros, order++, action)); }

    @Override public long now() { return now; }

    @Override public void runUntil(long micros) {
        while (!timers.isEmpty() && timers.peek().at() <= micros) fire();
        now = Math.max(now, micros);
    }

    @Override public Sent nextSent(long deadline) {
        while (true) {
            if (!sent.isEmpty() && sent.peek().at() <= deadline) return sent.poll();
            if (timers.isEmpty() || timers.peek().at() > deadline) {
                if (deadline != Long.MAX_VALUE) now = Math.max(now, deadline);
                return null;
            }
            fire();
        }
    }

    private void fire() {
        Timer t = timers.poll();
        now = Math.max(now, t.at());
        t.action().run();
    }

    @Override public void inject(Segment segment) { onInject.accept(segment); }

    @Override public PendingCall call(SocketCall call) { return onCall.apply(call, this); }
}
