package io.tcpemu.config;

import java.util.List;

/**
 * A load generator: clients opening connections to a server at some rate.
 *
 * @param clients          hosts that open connections; empty = no workload
 * @param serverHost       the listening host
 * @param serverPort       the listening port
 * @param arrival          when new connections start
 * @param connections      connections to open in total; 0 = until the run ends
 * @param concurrencyLimit connections open at once at most; 0 = no limit
 * @param requestSize      bytes per request
 * @param responseSize     bytes per response
 * @param thinkTime        pause between a response and the next request, microseconds
 * @param close            who closes the connection
 * @param pool             connection reuse
 */
public record WorkloadSettings(List<String> clients, String serverHost, int serverPort, Arrival arrival,
                               long connections, int concurrencyLimit, long requestSize, long responseSize,
                               long thinkTime, CloseMode close, Pool pool) {

    /** @param rate new connections per emulated second, over all clients */
    public record Arrival(Process process, double rate) {}

    public enum Process { CONSTANT, POISSON }

    public enum CloseMode { CLIENT_FIRST, SERVER_FIRST, SIMULTANEOUS, ABORT }

    /** @param size connections kept per client (0 = no pool); @param requestsPerConnection 0 = no limit */
    public record Pool(int size, int requestsPerConnection) {}

    /** True when the scenario has a workload (it names clients). */
    public boolean enabled() { return !clients.isEmpty(); }

    static WorkloadSettings create(Reader r) {
        List<String> clients = r.strings("clients", "a list of host names such as [a]");
        String host = "";
        int port = 0;
        if (!clients.isEmpty()) {
            String server = r.optionalString("server");
            if (!r.isSet("server")) r.problem("server", "expected \"host:port\" such as \"b:80\" when clients are set, but it is not set");
            int colon = server.lastIndexOf(':');
            try {
                if (colon <= 0) throw new NumberFormatException();
                port = Integer.parseInt(server.substring(colon + 1));
                if (port < 1 || port > 65535) throw new NumberFormatException();
                host = server.substring(0, colon);
            } catch (NumberFormatException e) {
                if (r.isSet("server")) r.problem("server", "expected \"host:port\" with a port from 1 to 65535 such as \"b:80\", got \"" + server + "\"");
            }
        }
        return new WorkloadSettings(clients, host, port,
                new Arrival(r.choice("arrival.process", Process.class, Process.POISSON),
                        r.positive("arrival.rate", "a rate above 0 (connections per second)")),
                r.wholeNumber("connections", 0, Long.MAX_VALUE),
                r.integer("concurrency-limit", 0, Integer.MAX_VALUE),
                r.bytes("request-size"), r.bytes("response-size"), r.micros("think-time"),
                r.choice("close", CloseMode.class, CloseMode.CLIENT_FIRST),
                new Pool(r.integer("pool.size", 0, Integer.MAX_VALUE),
                        r.integer("pool.requests-per-connection", 0, Integer.MAX_VALUE)));
    }
}
