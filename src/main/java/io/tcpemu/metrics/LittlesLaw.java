package io.tcpemu.metrics;

/**
 * Little's law applied to TIME-WAIT: connections closed at {@code rate} per second that each stay
 * {@code timeWait} in TIME-WAIT keep about rate × timeWait of them there, and each holds a local port
 * on the closing client. So the client runs out of ports above ports ÷ timeWait closes per second.
 *
 * @param ratePerSecond connections closed per emulated second
 * @param timeWait      TIME-WAIT length, microseconds
 * @param ports         ephemeral ports the client may use
 */
public record LittlesLaw(double ratePerSecond, long timeWait, int ports) {

    public LittlesLaw {
        if (timeWait <= 0) throw new IllegalArgumentException("TIME-WAIT must last: " + timeWait);
    }

    /** Steady-state connections in TIME-WAIT: rate × TIME-WAIT length. */
    public double steadyStateTimeWait() { return ratePerSecond * seconds(); }

    /**
     * What the closing client can hold in TIME-WAIT: rate × TIME-WAIT, but never more than its
     * ports, since each end in TIME-WAIT keeps one (the law holds for the connections that got a port).
     */
    public double predictedTimeWait() { return Math.min(steadyStateTimeWait(), ports); }

    /** The close rate (per second) above which ephemeral ports run out: ports ÷ TIME-WAIT length. */
    public double exhaustionRate() { return ports / seconds(); }

    /** True when the rate needs more ports than there are. */
    public boolean exhaustsPorts() { return steadyStateTimeWait() > ports; }

    private double seconds() { return timeWait / 1e6; }
}
