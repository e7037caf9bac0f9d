package io.tcpemu.runtime;

import org.junit.jupiter.api.Test;

class DebugTest {
    @Test
    void t() {
        for (int i = 0; i < 5; i++) {
            LifecycleTest lt = new LifecycleTest();
            lt.start();
            var cf = lt.sockets.listen("b", 80, 8, false).toCompletableFuture();
            boolean d0 = cf.isDone();
            var out = lt.fx.clock.runUntil(() -> { boolean d = cf.isDone(); if (d) System.out.println("cond true on " + Thread.currentThread().getName()); return d; }, 600_000_000L);
            System.out.println("d0=" + d0 + " met=" + out + " now=" + lt.fx.clock.now() + " " + lt.fx.clock.stats());
            lt.fx.close();
        }
    }
}
