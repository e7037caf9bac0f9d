package io.tcpemu.net;

import io.tcpemu.tcp.SockAddr;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutesTest {
    private static final int A = SockAddr.parseIp("10.0.0.1");
    private static final int B = SockAddr.parseIp("10.0.1.1");

    private static List<Routes.Hop> both(String... pairs) {
        List<Routes.Hop> hops = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            hops.add(new Routes.Hop(pairs[i], pairs[i + 1]));
            hops.add(new Routes.Hop(pairs[i + 1], pairs[i]));
        }
        return hops;
    }

    private static List<Routes.Node> nodes(String... routers) {
        List<Routes.Node> n = new ArrayList<>(List.of(new Routes.Node("a", false, List.of(A)), new Routes.Node("b", false, List.of(B))));
        for (String r : routers) n.add(new Routes.Node(r, true, List.of()));
        return n;
    }

    @Test
    void the_shortest_path_in_hops_goes_through_routers() {
        // a - r1 - r2 - b, and a longer way a - r1 - r3 - r4 - b
        Routes routes = Routes.compute(nodes("r1", "r2", "r3", "r4"),
                both("a", "r1", "r1", "r3", "r3", "r4", "r4", "b", "r1", "r2", "r2", "b"), Map.of());
        assertThat(routes.path("a", B)).containsExactly("a", "r1", "r2", "b");
        assertThat(routes.path("b", A)).containsExactly("b", "r2", "r1", "a");
        assertThat(routes.nextHop("a", B)).isEqualTo("r1");
    }

    @Test
    void a_host_does_not_forward_others_segments() {
        // a - c - b with c a host: no path
        List<Routes.Node> n = new ArrayList<>(nodes());
        n.add(new Routes.Node("c", false, List.of(SockAddr.parseIp("10.0.2.1"))));
        Routes routes = Routes.compute(n, both("a", "c", "c", "b"), Map.of());
        assertThat(routes.path("a", B)).isEmpty();
        assertThat(routes.nextHop("a", B)).isNull();
    }

    @Test
    void a_static_route_wins_over_the_shortest_path_and_the_longest_prefix_wins() {
        Routes routes = Routes.compute(nodes("r1", "r2", "r3"),
                both("a", "r1", "r1", "r2", "r2", "b", "r1", "r3", "r3", "b"),
                Map.of("r1", List.of(new Route(0, 0, "r2", ""), new Route(B, 24, "r3", ""))));
        assertThat(routes.path("a", B)).containsExactly("a", "r1", "r3", "b");
    }

    @Test
    void a_loop_is_refused_with_its_path() {
        // a - r1 - r2 - r3 - b; r2 sends b's segments back to r1
        assertThatThrownBy(() -> Routes.compute(nodes("r1", "r2", "r3"), both("a", "r1", "r1", "r2", "r2", "r3", "r3", "b"),
                Map.of("r2", List.of(new Route(B, 32, "r1", "")))))
                .hasMessage("routing loop towards 10.0.1.1: r1 -> r2 -> r1");
        // a neighbour's address is connected: a static route does not take it elsewhere
        Routes connected = Routes.compute(nodes("r1", "r2"), both("a", "r1", "r1", "r2", "r2", "b"),
                Map.of("r2", List.of(new Route(B, 32, "r1", ""))));
        assertThat(connected.path("a", B)).containsExactly("a", "r1", "r2", "b");
    }

    /** a - r1 - r2 - ... - rN - b, and a detour r150 - x - r151: every path is long, and the nodes share them. */
    private static Routes chain(int routers, Map<String, List<Route>> statics) {
        List<String> names = new ArrayList<>(List.of("x"));
        List<String> pairs = new ArrayList<>(List.of("a", "r1", "r150", "x", "x", "r151"));
        for (int i = 1; i <= routers; i++) {
            names.add("r" + i);
            pairs.addAll(List.of("r" + i, i == routers ? "b" : "r" + (i + 1)));
        }
        return Routes.compute(nodes(names.toArray(String[]::new)), both(pairs.toArray(String[]::new)), statics);
    }

    @Test
    void the_loop_check_steps_from_each_node_once_per_destination() {
        // r150's static route takes b's segments round the detour: b's next hops must be walked, a's need not be
        Routes routes = chain(300, Map.of("r150", List.of(new Route(B, 32, "x", ""))));
        // 303 nodes: walking every pair's whole path took about 300 × 300 / 2 steps per destination
        assertThat(routes.loopCheckSteps).isLessThanOrEqualTo(303);
        assertThat(routes.path("a", B)).hasSize(303).contains("x");
        // without static routes every hop is a step nearer its destination: no loop to look for
        assertThat(chain(300, Map.of()).loopCheckSteps).isZero();
    }

    @Test
    void a_loop_far_down_a_chain_or_through_a_host_is_still_named_from_where_it_is_entered() {
        assertThatThrownBy(() -> chain(50, Map.of("r40", List.of(new Route(B, 32, "r39", "")))))
                .hasMessage("routing loop towards 10.0.1.1: r39 -> r40 -> r39");
        assertThatThrownBy(() -> chain(50, Map.of("r40", List.of(new Route(A, 32, "r41", "")))))
                .hasMessage("routing loop towards 10.0.0.1: r41 -> r40 -> r41");
        // r1 sends b's segments to host c, whose only way out is r1 again
        List<Routes.Node> n = new ArrayList<>(nodes("r1", "r2"));
        n.add(new Routes.Node("c", false, List.of(SockAddr.parseIp("10.0.2.1"))));
        assertThatThrownBy(() -> Routes.compute(n, both("a", "r1", "r1", "r2", "r2", "b", "r1", "c"),
                Map.of("r1", List.of(new Route(B, 32, "c", "")))))
                .hasMessage("routing loop towards 10.0.1.1: r1 -> c -> r1");
    }

    @Test
    void a_router_without_links_and_a_route_via_a_stranger_are_refused() {
        assertThatThrownBy(() -> Routes.compute(nodes("r1"), both("a", "b"), Map.of()))
                .hasMessageContaining("router r1 has no interfaces");
        assertThatThrownBy(() -> Routes.compute(nodes("r1"), both("a", "r1", "r1", "b"),
                Map.of("r1", List.of(new Route(B, 32, "x", "")))))
                .hasMessage("route to 10.0.1.1/32 via x: x is not a neighbour of r1 (neighbours: a, b)");
        assertThatThrownBy(() -> Routes.compute(nodes("r1"), both("a", "r1", "r1", "b"),
                Map.of("r1", List.of(new Route(SockAddr.parseIp("192.168.0.0"), 16, "b", "")))))
                .hasMessage("route to 192.168.0.0/16 matches no address of the network");
    }

    /**
     * The walk over numbered nodes gives the tables the walk per address over names gave (kept
     * here as the reference): on random networks of hosts and routers with many equal paths, hosts
     * with two addresses and one-way links, every node's table, its order and each next hop agree.
     */
    @Test
    void the_tables_are_those_of_a_walk_per_address_equal_paths_included() {
        java.util.Random random = new java.util.Random(17);
        for (int round = 0; round < 200; round++) {
            List<Routes.Node> nodes = new ArrayList<>();
            int hosts = 2 + random.nextInt(6), routers = 1 + random.nextInt(8);
            for (int h = 0; h < hosts; h++) {
                List<Integer> addresses = new ArrayList<>(List.of(0x0a000000 + h * 2));
                if (random.nextInt(4) == 0) addresses.add(0x0a000001 + h * 2);
                nodes.add(new Routes.Node("h" + h, false, addresses));
            }
            for (int r = 0; r < routers; r++) nodes.add(new Routes.Node("r" + r, true, r == 0 ? List.of(0x0b000001) : List.of()));
            List<Routes.Hop> links = new ArrayList<>();
            for (int r = 0; r < routers; r++) {   // each router joined to the one before, so none is without links
                String other = r == 0 ? "h0" : "r" + random.nextInt(r);
                links.addAll(both("r" + r, other));
            }
            for (int extra = random.nextInt(3 * (hosts + routers)); extra > 0; extra--) {
                String a = nodes.get(random.nextInt(nodes.size())).name(), b = nodes.get(random.nextInt(nodes.size())).name();
                if (a.equals(b)) continue;
                if (random.nextInt(5) == 0) links.add(new Routes.Hop(a, b));   // one way only
                else links.addAll(both(a, b));
            }
            Routes routes = Routes.compute(nodes, links, Map.of());
            Map<String, Map<Integer, String>> expected = walkPerAddress(nodes, links);
            for (Routes.Node n : nodes) {
                assertThat(new ArrayList<>(routes.table(n.name()).entrySet())).as("round %d, %s", round, n.name())
                        .containsExactlyElementsOf(expected.get(n.name()).entrySet());
                for (Routes.Node to : nodes) {
                    for (int ip : to.addresses()) assertThat(routes.nextHop(n.name(), ip)).isEqualTo(expected.get(n.name()).get(ip));
                }
            }
        }
    }

    /** The reference: breadth-first backwards from each address's owner, over names, as the routes were computed before. */
    private static Map<String, Map<Integer, String>> walkPerAddress(List<Routes.Node> nodes, List<Routes.Hop> links) {
        Map<String, Routes.Node> byName = new java.util.LinkedHashMap<>();
        Map<Integer, String> owner = new java.util.LinkedHashMap<>();
        for (Routes.Node n : nodes) {
            byName.put(n.name(), n);
            for (int ip : n.addresses()) owner.put(ip, n.name());
        }
        Map<String, Map<Integer, String>> next = new java.util.LinkedHashMap<>();
        for (Routes.Node n : nodes) next.put(n.name(), new java.util.LinkedHashMap<>());
        Map<String, List<String>> into = new java.util.HashMap<>();
        for (Routes.Hop h : links) into.computeIfAbsent(h.to(), k -> new ArrayList<>()).add(h.from());
        for (Map.Entry<Integer, String> dst : owner.entrySet()) {
            java.util.Set<String> seen = new java.util.HashSet<>(List.of(dst.getValue()));
            java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(dst.getValue()));
            while (!queue.isEmpty()) {
                String m = queue.poll();
                if (!m.equals(dst.getValue()) && !byName.get(m).router()) continue;
                for (String from : into.getOrDefault(m, List.of())) {
                    if (!seen.add(from)) continue;
                    next.get(from).put(dst.getKey(), m);
                    queue.add(from);
                }
            }
        }
        return next;
    }
}
