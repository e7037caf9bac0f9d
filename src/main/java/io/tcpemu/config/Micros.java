package io.tcpemu.config;

/** Prints microseconds the way a user writes durations: 200ms, 30s, 1500us. */
final class Micros {
    private Micros() {}

    static String text(long micros) {
        if (micros != 0 && micros % 1_000_000 == 0) return micros / 1_000_000 + "s";
        if (micros != 0 && micros % 1_000 == 0) return micros / 1_000 + "ms";
        return micros == 0 ? "0s" : micros + "us";
    }
}
