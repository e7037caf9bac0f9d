package io.tcpemu.config;

import io.tcpemu.tcp.SockAddr;

import java.util.ArrayList;
import java.util.List;

/**
 * A layer-4 load balancer on a host, as a full proxy: the host accepts clients' connections on its
 * virtual address and opens one of its own to a back-end for each (its own ephemeral ports, its own
 * TIME-WAIT), then copies bytes both ways and passes a close on.
 *
 * @param vip       the virtual address:port clients connect to; its address is the host's own
 * @param backends  where connections are spread, each "host:port", in order
 * @param algorithm how a back-end is picked for a new connection
 */
public record LoadBalancerSettings(SockAddr vip, List<WorkloadSettings.Server> backends, Algorithm algorithm) {

    public enum Algorithm { ROUND_ROBIN, LEAST_CONNECTIONS }

    public LoadBalancerSettings {
        backends = List.copyOf(backends);
    }

    /** The block at {@code r} (a host's {@code load-balancer}), or null when it sets no vip. */
    static LoadBalancerSettings create(Reader r) {
        String vipText = r.optionalString("vip").trim();
        List<String> written = r.strings("backends", "a list of \"host:port\" such as [\"web1:80\", \"web2:80\"]");
        if (vipText.isEmpty()) {
            if (!written.isEmpty()) r.problem("backends", "expected vip too, such as vip = \"10.0.0.100:443\": back-ends need a virtual address to be reached through");
            return null;
        }
        SockAddr vip = null;
        WorkloadSettings.Server parsed = WorkloadSettings.parse(vipText);
        try {
            if (parsed != null) vip = new SockAddr(SockAddr.parseIp(parsed.host().trim()), parsed.port());
        } catch (IllegalArgumentException e) {
            vip = null;
        }
        if (vip == null) r.problem("vip", "expected \"address:port\" such as \"10.0.0.100:443\", got \"" + vipText + "\"");
        if (written.isEmpty()) r.problem("backends", "expected at least one back-end such as backends = [\"web1:80\"]: a load balancer with none can serve nobody");
        List<WorkloadSettings.Server> backends = new ArrayList<>();
        for (String text : written) {
            WorkloadSettings.Server s = WorkloadSettings.parse(text.trim());
            if (s == null) r.problem("backends", "expected \"host:port\" with a port from 1 to 65535 such as \"web1:80\", got \"" + text + "\"");
            else if (backends.contains(s)) r.problem("backends", "expected each back-end once, got \"" + text + "\" twice");
            else backends.add(s);
        }
        Algorithm algorithm = r.choice("algorithm", Algorithm.class, Algorithm.ROUND_ROBIN);
        return vip == null || backends.isEmpty() ? null : new LoadBalancerSettings(vip, backends, algorithm);
    }
}
