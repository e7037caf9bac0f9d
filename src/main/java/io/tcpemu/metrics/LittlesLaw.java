package io.tcpemu.metrics;

/**
 * Little's law and the loss formulas behind tcpemu's predictions, as plain arithmetic. Which rate,
 * which hold time and which ports apply to which host is the model's business
 * ({@code io.tcpemu.workload.TimeWaitModel}); this class only counts.
 *
 * <p>Little's law: items arriving at {@code rate} per second that each stay {@code hold} seconds
 * number rate × hold on average. A local port stays taken while its connection's end is in
 * TIME-WAIT, so a client connecting to one destination runs out of ports above ports ÷ hold
 * connections per second (the knee).
 */
public final class LittlesLaw {
    private LittlesLaw() {}

    /** Steady-state number held: rate × hold. */
    public static double held(double rate, double holdSeconds) { return rate * holdSeconds; }

    /** The rate above which {@code ports} run out when each is held {@code holdSeconds}: ports ÷ hold. */
    public static double knee(int ports, double holdSeconds) { return ports / holdSeconds; }

    /**
     * Connects that find a port when they arrive evenly spaced at {@code rate} for {@code window}
     * seconds and each success holds its port {@code holdSeconds}. Below the knee all do. Above
     * it, each stretch of one hold time lets exactly {@code ports} through: the first ones take
     * every port, and the ports come free again one hold later at the rate they were taken.
     */
    public static double successesEvenlySpaced(double rate, double window, int ports, double holdSeconds) {
        double attempts = rate * window;
        if (rate <= knee(ports, holdSeconds)) return attempts;
        double whole = Math.floor(window / holdSeconds);
        return Math.min(attempts, whole * ports + Math.min(ports, rate * (window - whole * holdSeconds)));
    }

    /**
     * Connects that find a port under Poisson arrivals: the first hold time fills the ports (those
     * beyond them fail), after that a share {@link #erlangB} of the arrivals finds every port taken.
     */
    public static double successesPoisson(double rate, double window, int ports, double holdSeconds) {
        double first = rate * Math.min(window, holdSeconds);
        double rest = rate * Math.max(0, window - holdSeconds);
        return Math.min(first, ports) + rest * (1 - erlangB(ports, rate * holdSeconds));
    }

    /**
     * Erlang's loss formula: the share of Poisson arrivals that find all {@code servers} busy when
     * the offered load is {@code load} = rate × hold. It holds for any distribution of the hold
     * time, so for TIME-WAIT's fixed one too.
     */
    public static double erlangB(int servers, double load) {
        double b = 1;
        for (int k = 1; k <= servers; k++) b = load * b / (k + load * b);
        return b;
    }
}
