package io.tcpemu.run;

import io.tcpemu.config.HostSettings;
import io.tcpemu.config.Settings;
import io.tcpemu.metrics.LittlesLaw;

import java.util.LinkedHashMap;
import java.util.Map;

/** Little's law for each workload client: TIME-WAIT ≈ rate × TIME-WAIT length; ports run out above range ÷ TIME-WAIT. */
public final class Predictions {
    private Predictions() {}

    /** By client host; empty without a workload or when a client's TIME-WAIT is 0. */
    public static Map<String, LittlesLaw> of(Settings s) {
        Map<String, LittlesLaw> out = new LinkedHashMap<>();
        if (!s.workload().enabled()) return out;
        double perClient = s.workload().arrival().rate() / s.workload().clients().size();
        for (String c : s.workload().clients()) {
            HostSettings h = s.host(c);
            if (h != null && h.tcp().timeWait() > 0) out.put(c, new LittlesLaw(perClient, h.tcp().timeWait(), h.ports().size()));
        }
        return out;
    }

    /**
     * The share of connect() calls expected to fail for want of a port: above the knee, the
     * client can only open ports ÷ TIME-WAIT per second, so the rest (1 − knee ÷ rate) fail.
     */
    public static double expectedFailureRate(Settings s) {
        double failing = 0;
        for (LittlesLaw law : of(s).values()) {
            failing = Math.max(failing, law.ratePerSecond() <= law.exhaustionRate() ? 0 : 1 - law.exhaustionRate() / law.ratePerSecond());
        }
        return failing;
    }
}
