package io.tcpemu.tcp;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;

/** Named bundles of defaults that experiments compare. */
public enum Profile {
    /**
     * The letter of the RFCs: MSL 2 minutes and TIME-WAIT 2·MSL (RFC 9293 §3.4.2), RTO from
     * 1 s with a 1 s floor and a 60 s ceiling (RFC 6298), RST closes TIME-WAIT (RFC 9293),
     * no RFC 5961 challenge ACKs, no FIN-WAIT-2 timeout, no timestamps, every segment ACKed at once
     * (RFC 9293 §3.8.6.3 allows delaying ACKs, SHOULD; this profile keeps the plainer trace), and no window
     * scaling or SACK (RFC 7323 and 2018 are extensions RFC 9293 does not require: 16-bit windows keep the
     * trace plain, and a peer that offers them simply gets neither).
     */
    RFC9293(new TcpConfig(1460, 65535, 65536,
            120 * SECOND, 240 * SECOND,
            1 * SECOND, 1 * SECOND, 60 * SECOND,
            6, 6, 15,
            0,
            TcpConfig.RstInTimeWait.CLOSE, true, false,
            true, false, true,
            TcpConfig.Handshake.THREE_WAY, false, 0, false,
            TcpConfig.TimeWaitRules.RFC9293, false, false, TcpConfig.ResetErrors.RFC9293,
            TcpConfig.WindowRules.RFC9293, false, false, 0), "RFC 9293"),
    /**
     * Linux defaults: TIME-WAIT fixed at 60 s (TCP_TIMEWAIT_LEN, MSL taken as 30 s), initial RTO
     * 1 s, minimum 200 ms, maximum 120 s, tcp_syn_retries 6 with tcp_syn_linear_timeouts 4, tcp_synack_retries 5, tcp_retries2 15,
     * tcp_fin_timeout 60 s, RST closes TIME-WAIT, challenge ACKs and timestamps on, abort sends RST+ACK,
     * delayed ACKs (quick-ACK, pingpong, ato) as Linux's, SACK-permitted and window scaling offered on
     * every SYN (scale 10 from tcp_rmem[2] = 32 MiB as on the machine it was checked on), the receive space
     * 65536 (half of tcp_rmem[1] = 131072: first window 64240). Modelled on Linux 6.18 with its default sysctls.
     */
    LINUX(new TcpConfig(1460, 65536, 65536,
            30 * SECOND, 60 * SECOND,
            1 * SECOND, 200 * MILLISECOND, 120 * SECOND,
            6, 5, 15,
            60 * SECOND,
            TcpConfig.RstInTimeWait.CLOSE, true, true,
            true, true, true,
            TcpConfig.Handshake.THREE_WAY, true, 4, true,
            TcpConfig.TimeWaitRules.LINUX, true, true, TcpConfig.ResetErrors.LINUX,
            TcpConfig.WindowRules.LINUX, true, true, 32 << 20), "Linux 6.18");

    private final TcpConfig config;
    private final String models;

    Profile(TcpConfig config, String models) {
        this.config = config;
        this.models = models;
    }

    public TcpConfig config() { return config; }

    /**
     * What the profile models: "RFC 9293", or the Linux version whose behaviour and default sysctls it
     * was checked against with packetdrill ("Linux 6.18"; docs/profiles.md lists the sysctls).
     */
    public String models() { return models; }

    /** "rfc9293" or "linux", as written in config files. */
    public static Profile parse(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "rfc9293" -> RFC9293;
            case "linux" -> LINUX;
            default -> throw new IllegalArgumentException("unknown profile '" + name + "', expected rfc9293 or linux");
        };
    }
}
