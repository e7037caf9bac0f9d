package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.ActorPaths;
import org.junit.jupiter.api.Test;

/** The origins the loop caches are the ones worked out from scratch: timers keep their order. */
class OriginsTest {

    @Test
    void a_cached_origin_is_the_top_level_actors_for_it_its_children_and_theirs() {
        ActorPath user = ActorPaths.fromString("pekko://emu/user");
        ActorPath host = user.child("host-server");
        ActorPath endpointA = host.child("$a");
        ActorPath endpointB = host.child("$b");
        ActorPath grandchild = endpointA.child("$c");
        ActorPath link = user.child("link-client0->server");
        ActorPath system = ActorPaths.fromString("pekko://emu/system/workload");
        List<ActorPath> all = List.of(endpointA, host, endpointB, grandchild, link, system, user, user.root());

        Origins.Cache cache = new Origins.Cache();
        for (int round = 0; round < 2; round++) {   // worked out, then found
            for (ActorPath p : all) assertThat(cache.of(p)).as(p.toString()).isEqualTo(Origins.of(p));
        }
        assertThat(cache.of(endpointB)).isEqualTo(Origins.of("host-server")).isEqualTo(cache.of(host));
        assertThat(cache.of(link)).isEqualTo(Origins.of("link-client0->server")).isNotEqualTo(cache.of(host));
        assertThat(cache.of(system)).isEqualTo(Origins.of("workload"));
        assertThat(cache.of(ActorPaths.fromString("pekko://emu/user/host-server/$z"))).as("another path object, same host")
                .isEqualTo(cache.of(endpointA));
    }
}
