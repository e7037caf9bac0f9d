package io.tcpemu.emulation;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadLoadTest {
    /** The bench's shape: one server, six clients at one rate, 1 ms links, client-first closes. */
    private static Settings sixClients() {
        StringBuilder text = new StringBuilder("seed = 42\nhosts {\n  server { address = \"10.0.0.1\" }\n");
        StringBuilder links = new StringBuilder("links = [\n");
        for (int i = 0; i < 6; i++) {
            text.append("  client").append(i).append(" { address = \"10.1.0.").append(i + 1).append("\" }\n");
            links.append("  { between = [client").append(i).append(", server], delay = 1000us }\n");
        }
        text.append("}\n").append(links).append("]\n")
                .append("workload {\n  clients = [client0, client1, client2, client3, client4, client5]\n  server = \"server:80\"\n")
                .append("  arrival { process = constant, rate = 20000 }\n  connections = 1000\n  close = client-first\n}\n");
        return ((ConfigLoader.Loaded) ConfigLoader.parse(text.toString(), "six.conf", List.of())).settings();
    }

    @Test
    void a_client_end_weighs_more_than_a_server_end_so_the_server_shares_its_partition_with_one_client() {
        Settings s = sixClients();
        HostPlacement p = Emulation.clusterPlacement(s, SettingsTopology.of(s), 2);
        Map<Integer, List<String>> byPartition = p.partitionOf().entrySet().stream()
                .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        assertThat(byPartition.get(p.of("server"))).containsExactlyInAnyOrder("server", "client5");
        assertThat(p.lookahead()).isEqualTo(1_000);
        assertThat(WorkloadLoad.of(s.workload()).expected()).containsEntry("server", 20_000.0)
                .containsEntry("client0", WorkloadLoad.CLIENT_END * 20_000 / 6);
    }
}
