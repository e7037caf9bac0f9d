package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.event.NoLogging;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scala.concurrent.ExecutionContext;

/**
 * A partition's loop lent to another partition's thread (the window protocol runs a run of small
 * windows on one thread this way): it runs the same work in the same order at the same times as
 * its own thread would, only the holder may run it, and it goes back to its own thread after.
 */
class LentLoopTest {
    private final List<VirtualLoop> loops = new ArrayList<>();

    @AfterEach
    void close() {
        loops.forEach(VirtualLoop::close);
    }

    private VirtualLoop loop(String name) {
        VirtualLoop loop = new VirtualLoop(name, NoLogging.getInstance());
        loops.add(loop);
        return loop;
    }

    @Test
    void a_loop_run_by_another_partitions_thread_runs_its_work_in_the_same_order_at_the_same_times() throws Exception {
        VirtualLoop own = loop("own-b");
        List<String> ranByItself = Collections.synchronizedList(new ArrayList<>());
        plant(own, ranByItself);
        assertThat(own.drive(Drive.to(40), "advanceTo")).isEqualTo(Drive.Outcome.REACHED_TARGET);

        VirtualLoop a = loop("holder-a"), b = loop("lent-b");
        List<String> ranLent = Collections.synchronizedList(new ArrayList<>());
        plant(b, ranLent);
        AtomicBoolean thenRan = new AtomicBoolean();
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        onThreadOf(a, () -> {
            lendWhenHeld(b);
            b.runLent(Drive.to(40, () -> {
                thenRan.set(true);
                threads.add("then on " + Thread.currentThread().getName() + ", running " + (VirtualLoop.current() == a ? "a" : "b"));
            }));
            b.giveBack();
        });

        assertThat(ranByItself).isNotEmpty().allMatch(s -> s.endsWith("on own-b"));
        assertThat(ranLent).allMatch(s -> s.endsWith("on holder-a"));
        assertThat(strip(ranLent)).isEqualTo(strip(ranByItself));
        assertThat(thenRan).isTrue();
        assertThat(threads).containsExactly("then on holder-a, running a");
        assertThat(b.now()).isEqualTo(40);
        assertThat(b.stats().timersFired()).isEqualTo(3);

        // given back, its own thread runs it again
        CompletableFuture<String> where = new CompletableFuture<>();
        b.schedule(5, 0, () -> where.complete(Thread.currentThread().getName() + "@" + b.now()), ExecutionContext.parasitic$.MODULE$);
        b.drive(Drive.to(50), "advanceTo");
        assertThat(where.get(30, TimeUnit.SECONDS)).isEqualTo("lent-b@45");
    }

    @Test
    void only_the_thread_a_loop_is_lent_to_runs_it() throws Exception {
        VirtualLoop a = loop("a"), b = loop("b"), c = loop("c");
        assertThatThrownBy(b::lend).as("a thread of no partition").isInstanceOf(IllegalStateException.class);
        onThreadOf(b, () -> assertThatThrownBy(b::lend).as("its own thread").isInstanceOf(IllegalStateException.class));
        onThreadOf(a, () -> assertThatThrownBy(() -> b.runLent(Drive.to(10))).as("not lent")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not lent to a"));

        onThreadOf(a, () -> lendWhenHeld(b));
        assertThatThrownBy(() -> b.start(Drive.to(10))).as("started for its own thread while lent")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is lent to a");
        onThreadOf(c, () -> {
            assertThat(b.lend()).as("lent to another").isFalse();
            assertThatThrownBy(() -> b.runLent(Drive.to(10))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is not lent to c but to a");
            assertThatThrownBy(b::giveBack).isInstanceOf(IllegalStateException.class);
        });
        onThreadOf(a, () -> {
            assertThat(b.lentHere()).isTrue();
            b.giveBack();
            assertThat(b.lentHere()).isFalse();
        });
        assertThat(b.drive(Drive.to(10), "advanceTo")).isEqualTo(Drive.Outcome.REACHED_TARGET);
    }

    @Test
    void work_sent_to_a_lent_loop_waits_for_its_holder_and_runs_on_it() throws Exception {
        VirtualLoop a = loop("a"), b = loop("b");
        onThreadOf(a, () -> lendWhenHeld(b));
        CompletableFuture<String> ran = new CompletableFuture<>();
        b.submit(() -> ran.complete(Thread.currentThread().getName()));
        onThreadOf(a, () -> {
            assertThat(ran).as("its own thread does not take it while lent").isNotDone();
            b.runLent(Drive.to(0));
            b.giveBack();
        });
        assertThat(ran.get(30, TimeUnit.SECONDS)).isEqualTo("a");
    }

    /** Timers at 10, 20 and 30 µs, each queueing a task; both record the clock, who runs them and which loop is current. */
    private static void plant(VirtualLoop loop, List<String> log) {
        for (long t = 10; t <= 30; t += 10) {
            long at = t;
            loop.schedule(at, 0, () -> {
                log.add("timer " + at + " at " + loop.now() + " current " + (VirtualLoop.current() == loop) + " on " + Thread.currentThread().getName());
                loop.submit(() -> log.add("task of " + at + " at " + loop.now() + " holder " + loop.isLoopThread() + " on " + Thread.currentThread().getName()));
            }, ExecutionContext.parasitic$.MODULE$);
        }
    }

    private static List<String> strip(List<String> log) {
        return log.stream().map(s -> s.substring(0, s.lastIndexOf(" on "))).toList();
    }

    /** Lends {@code b} to this thread once its own thread is held (it takes a moment to park after starting). */
    private static void lendWhenHeld(VirtualLoop b) {
        while (!b.lend()) Thread.onSpinWait();
    }

    /** Runs {@code body} as a task on {@code loop}'s own thread and waits for it; its failure is rethrown here. */
    private static void onThreadOf(VirtualLoop loop, ThrowingRunnable body) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.submit(() -> {
            try {
                body.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception x) throw x;
            throw (Error) e.getCause();
        }
    }

    private interface ThrowingRunnable { void run() throws Exception; }
}
