package io.tcpemu.config;

import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.tcp.TcpConfig.Handshake;
import io.tcpemu.tcp.TcpConfig.RstInTimeWait;

/** Builds a host's {@link TcpConfig}: its profile's defaults with the host's {@code tcp} overrides on top. */
final class TcpSettings {
    private TcpSettings() {}

    static TcpConfig create(Profile profile, Reader r) {
        TcpConfig p = profile.config();
        long msl = r.isSet("msl") ? r.micros("msl") : p.msl();
        // An unset time-wait follows msl, so "msl = 1s" alone gives a 2 s TIME-WAIT; except Linux's,
        // which is compiled in (TCP_TIMEWAIT_LEN, 60 s) whatever the MSL.
        long timeWait = r.isSet("time-wait") ? r.micros("time-wait")
                : p.timeWaitRules() == TcpConfig.TimeWaitRules.LINUX ? p.timeWait() : 2 * msl;
        long rtoInitial = r.isSet("rto-initial") ? r.micros("rto-initial") : p.rtoInitial();
        long rtoMin = r.isSet("rto-min") ? r.micros("rto-min") : p.rtoMin();
        long rtoMax = r.isSet("rto-max") ? r.micros("rto-max") : p.rtoMax();
        if (rtoMin <= 0) {
            r.problem("rto-min", "expected a duration above 0, got " + r.got("rto-min"));
            rtoMin = p.rtoMin();
        }
        if (rtoMin > rtoInitial || rtoInitial > rtoMax) {
            r.problem(rtoKey(r), "expected rto-min <= rto-initial <= rto-max, got " + Micros.text(rtoMin)
                    + ", " + Micros.text(rtoInitial) + ", " + Micros.text(rtoMax));
            rtoInitial = p.rtoInitial(); rtoMin = p.rtoMin(); rtoMax = p.rtoMax();
        }
        return new TcpConfig(
                r.isSet("mss") ? (int) r.bytesIn("mss", 1, 65495) : p.mss(),
                r.isSet("receive-window") ? (int) r.bytesIn("receive-window", 0, p.windowScaling() ? TcpConfig.MAX_SCALED_WINDOW : 65535) : p.receiveWindow(),
                r.isSet("send-buffer") ? (int) r.bytesIn("send-buffer", 1, Integer.MAX_VALUE) : p.sendBuffer(),
                msl, timeWait, rtoInitial, rtoMin, rtoMax,
                r.isSet("syn-retries") ? r.integer("syn-retries", 0, 255) : p.synRetries(),
                r.isSet("syn-ack-retries") ? r.integer("syn-ack-retries", 0, 255) : p.synAckRetries(),
                r.isSet("data-retries") ? r.integer("data-retries", 0, 255) : p.dataRetries(),
                r.isSet("fin-wait-2-timeout") ? r.micros("fin-wait-2-timeout") : p.finWait2Timeout(),
                r.isSet("rst-in-time-wait") ? r.choice("rst-in-time-wait", RstInTimeWait.class, p.rstInTimeWait()) : p.rstInTimeWait(),
                r.isSet("syn-reopens-time-wait") ? r.bool("syn-reopens-time-wait") : p.synReopensTimeWait(),
                r.isSet("challenge-acks") ? r.bool("challenge-acks") : p.challengeAcks(),
                r.isSet("rst-on-close-with-unread") ? r.bool("rst-on-close-with-unread") : p.rstOnCloseWithUnread(),
                r.isSet("timestamps") ? r.bool("timestamps") : p.timestamps(),
                r.isSet("buffer-out-of-order") ? r.bool("buffer-out-of-order") : p.bufferOutOfOrder(),
                r.isSet("handshake") ? r.choice("handshake", Handshake.class, p.handshake()) : p.handshake(),
                p.activeResetAck(), // the profile's; no key of its own yet
                r.isSet("syn-linear-timeouts") ? r.integer("syn-linear-timeouts", 0, 255) : p.synLinearTimeouts(),
                r.isSet("delayed-ack") ? r.bool("delayed-ack") : p.delayedAck(),
                p.timeWaitRules(), p.synResendAfterBadAck(), p.dropSynFin(), p.resetErrors(), // the profile's; no keys of their own yet
                p.windowRules(), p.windowScaling(), p.sack(), p.receiveBufferMax());
    }

    /** The rto key the user wrote (the one to blame), rto-initial if several. */
    private static String rtoKey(Reader r) {
        for (String k : new String[] {"rto-initial", "rto-min", "rto-max"}) if (r.isSet(k)) return k;
        return "rto-initial";
    }
}
