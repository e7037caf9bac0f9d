package io.tcpemu.tcp;

/**
 * SO_RCVBUF: the receive buffer a socket gets when its application sets one, and the config of such a
 * socket. Under {@link TcpConfig.WindowRules#LINUX} the kernel's rules, as measured with packetdrill on
 * Linux 6.18: the value is capped at net.core.rmem_max, doubled (half is kept for bookkeeping overhead),
 * raised to SOCK_MIN_RCVBUF, and getsockopt reports the doubled value; the receive space (tcp_full_space)
 * is half of it, and the buffer is locked, so the window scale is chosen from that space rather than from
 * tcp_rmem[2] (SO_RCVBUF 10000: first window 8760, scale 0; 65536: 64240, scale 1). Under RFC 9293's rules
 * the buffer is the value asked for (at most 65535 bytes without window scaling) and is the receive space.
 */
public final class ReceiveBufferOption {
    /** net.core.rmem_max of the machine the linux profile was checked on (global, not per network namespace). */
    public static final int LINUX_RMEM_MAX = 4 << 20;
    /** Linux's SOCK_MIN_RCVBUF on x86-64: 2048 plus the size of an sk_buff. */
    public static final int LINUX_MIN_RCVBUF = 2304;

    private ReceiveBufferOption() {}

    /** What getsockopt(SO_RCVBUF) reports on a socket whose application never set it. */
    public static int unset(TcpConfig config) {
        return config.windowRules() == TcpConfig.WindowRules.LINUX ? 2 * config.receiveWindow() : config.receiveWindow();
    }

    /**
     * The buffer after setsockopt(SO_RCVBUF, {@code requested}), as getsockopt then reports it; the value is
     * taken as unsigned, as the kernel takes it.
     */
    public static int buffer(TcpConfig config, long requested) {
        long asked = requested & 0xFFFF_FFFFL;
        if (config.windowRules() == TcpConfig.WindowRules.LINUX) {
            return (int) Math.max(LINUX_MIN_RCVBUF, 2 * Math.min(asked, LINUX_RMEM_MAX));
        }
        return (int) Math.min(asked, maxSpace(config));
    }

    /** The config of a socket whose receive buffer was set to {@code buffer} (a value {@link #buffer} gave). */
    public static TcpConfig apply(TcpConfig config, int buffer) {
        int space = config.windowRules() == TcpConfig.WindowRules.LINUX ? buffer / 2 : buffer;
        // Locked: no autotuning (receiveBufferMax 0), so the scale follows the space itself.
        return config.withWindow(config.mss(), (int) Math.min(space, maxSpace(config)), config.sendBuffer())
                .withReceiveBufferMax(0);
    }

    private static long maxSpace(TcpConfig config) {
        return config.windowScaling() ? TcpConfig.MAX_SCALED_WINDOW : 65535;
    }
}
