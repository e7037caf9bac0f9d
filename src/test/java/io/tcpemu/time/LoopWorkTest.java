package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.pekko.event.NoLogging;
import org.junit.jupiter.api.Test;
import scala.concurrent.ExecutionContext;

/**
 * {@link LoopWork#runAs}: another actor's work done inside this step ranks its timers by that
 * actor's origin, and the step's own origin is back once it returns. Timers due at one instant fire
 * by (deadline, origin, scheduling order), so the firing order shows whose each one was.
 */
class LoopWorkTest {
    private static final long HOST = 2, LINK = 1;   // the link's origin ranks first at one instant

    @Test
    void work_run_as_another_origin_arms_its_timers_as_that_origin_and_the_step_gets_its_own_back() {
        VirtualLoop loop = new VirtualLoop("loop-work-test", NoLogging.getInstance());
        try {
            List<String> fired = Collections.synchronizedList(new ArrayList<>());
            ExecutionContext here = ExecutionContext.fromExecutor(Runnable::run);
            loop.submit(() -> {
                loop.workOf(HOST);
                loop.schedule(10, 0, () -> fired.add("host-before"), here);
                LoopWork.runAs(LINK, (String name) -> loop.schedule(10, 0, () -> fired.add(name), here), "link");
                loop.schedule(10, 0, () -> fired.add("host-after"), here);
            });
            assertThat(loop.drive(Drive.untilIdle(1_000), "runUntilIdle")).isEqualTo(Drive.Outcome.IDLE);
            // had runAs not set the link's origin: host-before, link, host-after; had it not restored the host's: link, host-after, host-before
            assertThat(fired).containsExactly("link", "host-before", "host-after");
        } finally {
            loop.close();
        }
    }

    @Test
    void off_a_loops_thread_there_is_no_step_to_run_in() {
        assertThatThrownBy(() -> LoopWork.runAs(LINK, (String s) -> { }, "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not on a virtual-time loop's thread");
    }
}
