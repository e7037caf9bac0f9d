package io.tcpemu.console;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.HostSettings;
import io.tcpemu.config.Settings;
import io.tcpemu.config.WorkloadSettings;
import io.tcpemu.config.WorkloadSettings.CloseMode;
import io.tcpemu.config.WorkloadSettings.Process;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.workload.WorkloadPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code workload start} was told, over the loaded scenario's workload section (or the
 * defaults of reference.conf when there is none), resolved to a {@link WorkloadPlan} on the
 * hosts running now. Null fields were not given.
 */
record WorkloadOptions(List<String> clients, List<String> servers, Double rate, String process, Long connections,
                       String close, Integer pool, Integer perConnection, String duration) {

    /** Far beyond any session, within what Pekko's scheduler accepts (about 248 days). */
    static final long UNTIL_STOPPED = 200L * 24 * 3600 * TcpConfig.SECOND;
    private static final int DEFAULT_BACKLOG = 128;

    WorkloadPlan plan(Session s) {
        Settings scenario = s.scenario();
        boolean fromScenario = scenario != null && scenario.workload().enabled();
        Settings base = fromScenario ? scenario : ConfigLoader.defaults();
        WorkloadSettings w = base.workload();
        if (!fromScenario && (clients == null || servers == null)) {
            throw new ConsoleError("which clients and server?", "e.g. 'workload start --clients a --server b:80 --rate 100' "
                    + "(or 'load' a scenario with a workload section)");
        }
        List<String> clientHosts = clients != null ? clients.stream().map(s::host).toList() : w.clients();
        try {
            List<WorkloadPlan.Server> servers = servers(s, base, w);
            return new WorkloadPlan(clientHosts, servers, choice(process, Process.class, w.arrival().process()),
                    rate != null ? rate : w.arrival().rate(), connections != null ? connections : fromScenario ? w.connections() : 0,
                    w.concurrencyLimit(), (int) w.requestSize(), (int) w.responseSize(), w.thinkTime(),
                    choice(close, CloseMode.class, w.close()), w.closeSkew(), pool != null ? pool : w.pool().size(),
                    perConnection != null ? perConnection : w.pool().requestsPerConnection(),
                    duration != null ? Args.duration(duration, "--duration") : fromScenario ? scenario.run().duration() : UNTIL_STOPPED,
                    base.run().seed(), scenario == null ? List.of() : WorkloadPlan.proxiesOf(scenario, servers));
        } catch (IllegalArgumentException e) {
            throw new ConsoleError(e.getMessage(), "see 'workload start --help'");
        }
    }

    private List<WorkloadPlan.Server> servers(Session s, Settings base, WorkloadSettings w) {
        List<String> texts = servers != null ? servers : w.servers().stream().map(WorkloadSettings.Server::toString).toList();
        List<WorkloadPlan.Server> out = new ArrayList<>();
        for (String text : texts) {
            SockAddr address = s.address(text);
            String host = s.emulation().env().directory().hostName(address.ip());
            if (host == null) throw new ConsoleError("no host has address " + text, "give a server as HOST:PORT, e.g. b:80");
            HostSettings declared = base.hosts().get(host);
            out.add(new WorkloadPlan.Server(host, address, declared != null ? declared.backlog() : DEFAULT_BACKLOG));
        }
        return out;
    }

    /** An enum in kebab case ("client-first"), or the fallback when not given. */
    private static <E extends Enum<E>> E choice(String text, Class<E> type, E fallback) {
        if (text == null) return fallback;
        for (E e : type.getEnumConstants()) if (kebab(e).equalsIgnoreCase(text.trim())) return e;
        List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(WorkloadOptions::kebab).toList();
        throw new ConsoleError("unknown value '" + text + "'", "expected one of " + String.join(", ", names));
    }

    private static String kebab(Enum<?> e) { return e.name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** One line: who, where, how fast, how many, how they close. */
    static String describe(WorkloadPlan p) {
        return String.join(",", p.clients()) + " -> " + String.join(",", p.servers().stream()
                .map(sv -> sv.host() + ":" + sv.address().port()).toList())
                + String.format(Locale.ROOT, ", %s %.1f/s, ", kebab(p.process()), p.rate())
                + (p.requests() == 0 ? "until stopped" : p.requests() + " requests") + ", close " + kebab(p.close())
                + (p.pooled() ? ", pool " + p.poolSize() : "");
    }
}
