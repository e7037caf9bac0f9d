package io.tcpemu.pkt;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.HostSettings;
import io.tcpemu.emulation.SettingsTopology;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.tcp.Profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The host under test's settings: its profile, then {@code --set KEY=VALUE} (a host's keys as in a
 * scenario file: {@code tcp.rst-in-time-wait=ignore}, {@code tw-reuse=true}), then the script's own
 * {@code sysctl} lines for the policies the emulator has. Built through the scenario loader, so a
 * wrong key or value gets its usual one-line message with a did-you-mean.
 */
public final class HostPolicy {
    /** Linux sysctls with a counterpart here: the host key, and how the sysctl's value maps to it. */
    private static final Map<String, java.util.function.Function<String, String>> SYSCTLS = Map.of(
            "net.ipv4.tcp_rfc1337", v -> "tcp.rst-in-time-wait=" + (v.equals("0") ? "close" : "ignore"),
            // 2 is "for loopback only": the script's peer is not on loopback
            "net.ipv4.tcp_tw_reuse", v -> "tw-reuse=" + v.equals("1"),
            "net.ipv4.tcp_syn_retries", v -> "tcp.syn-retries=" + v,
            "net.ipv4.tcp_synack_retries", v -> "tcp.syn-ack-retries=" + v,
            "net.ipv4.tcp_timestamps", v -> "tcp.timestamps=" + !v.equals("0"),
            "net.ipv4.tcp_fin_timeout", v -> "tcp.fin-wait-2-timeout=" + v + "s",
            "net.ipv4.tcp_max_tw_buckets", v -> "max-tw-buckets=" + v);

    private HostPolicy() {}

    /**
     * The host key a sysctl sets ({@code tcp.rst-in-time-wait=ignore}), or null if the emulator has
     * no such policy.
     */
    static String hostKey(String sysctl, String value) {
        var f = SYSCTLS.get(sysctl);
        return f == null ? null : f.apply(value);
    }

    /** The names of the sysctls the emulator honours, for messages. */
    static List<String> sysctls() { return SYSCTLS.keySet().stream().sorted().toList(); }

    /**
     * The host's spec for {@code profile} with {@code settings} applied in order (later wins); an
     * IllegalArgumentException names a bad key or value, with {@code source} ("--set", a script line).
     */
    public static HostSpec spec(String name, String ip, Profile profile, List<String> settings, long seed) {
        List<String> overrides = new ArrayList<>();
        for (String s : settings) overrides.add("hosts." + name + "." + s);
        String text = "hosts { " + name + " { profile = " + profile.name().toLowerCase() + ", address = \"" + ip + "\" } }";
        ConfigLoader.Result r = ConfigLoader.parse(text, "--set", overrides);
        if (r instanceof ConfigLoader.Invalid invalid) throw new IllegalArgumentException(invalid.message());
        HostSettings host = ((ConfigLoader.Loaded) r).settings().host(name);
        return SettingsTopology.hostSpec(host, seed);
    }
}
