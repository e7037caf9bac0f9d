package io.tcpemu.time;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh virtual-time {@link ActorTestKit} and its clock per test, so counters start at zero. */
abstract class VirtualKit {
    protected ActorTestKit kit;
    protected VirtualClock clock;

    @BeforeEach void startVirtualKit() {
        kit = ActorTestKit.create(VirtualTime.config());
        clock = VirtualTime.of(kit.system());
    }

    @AfterEach void stopVirtualKit() { kit.shutdownTestKit(); }
}
