package io.tcpemu.runtime;

/**
 * Everything a link direction does to the segments it carries, apart from targeted fault rules.
 * Times in emulated microseconds; probabilities in 0..1; 0 turns a feature off.
 *
 * @param delay        fixed one-way delay
 * @param jitter       extra random delay; jitter never reorders segments (see {@code reorder})
 * @param loss         probability that a segment is dropped ("loss")
 * @param duplicate    probability that a segment is delivered twice
 * @param duplicateGap how long after the original its copy arrives
 * @param reorder      probability that a segment is held back so that later ones overtake it
 * @param reorderHold  how long a held-back segment waits; 0 means max(delay, 1 ms)
 * @param bandwidth    bytes per second (as the config's link bandwidth), serialising segments one after another; 0 = unlimited
 * @param queueLimit   segments waiting to be serialised before new ones are tail-dropped
 *                     ("queue full"); 0 = unlimited; only matters with a bandwidth
 * @param msl          maximum segment lifetime: older segments are dropped before delivery
 *                     ("msl expired"); 0 = off
 */
public record LinkParams(long delay, Jitter jitter, double loss, double duplicate, long duplicateGap,
                         double reorder, long reorderHold, long bandwidth, int queueLimit, long msl) {

    /** A perfect link: no delay, no faults. */
    public static final LinkParams IDEAL = new LinkParams(0, Jitter.NONE, 0, 0, 0, 0, 0, 0, 0, 0);

    public LinkParams {
        if (jitter == null) jitter = Jitter.NONE;
        nonNegative("delay", delay);
        nonNegative("duplicate-gap", duplicateGap);
        nonNegative("reorder-hold", reorderHold);
        nonNegative("bandwidth", bandwidth);
        nonNegative("queue-limit", queueLimit);
        nonNegative("msl", msl);
        probability("loss", loss);
        probability("duplicate", duplicate);
        probability("reorder", reorder);
    }

    /** A fault-free link with this one-way delay. */
    public static LinkParams ofDelay(long micros) { return IDEAL.withDelay(micros); }

    public LinkParams withDelay(long micros) {
        return new LinkParams(micros, jitter, loss, duplicate, duplicateGap, reorder, reorderHold, bandwidth, queueLimit, msl);
    }

    public LinkParams withJitter(Jitter j) {
        return new LinkParams(delay, j, loss, duplicate, duplicateGap, reorder, reorderHold, bandwidth, queueLimit, msl);
    }

    public LinkParams withLoss(double p) {
        return new LinkParams(delay, jitter, p, duplicate, duplicateGap, reorder, reorderHold, bandwidth, queueLimit, msl);
    }

    public LinkParams withDuplicate(double p, long gap) {
        return new LinkParams(delay, jitter, loss, p, gap, reorder, reorderHold, bandwidth, queueLimit, msl);
    }

    public LinkParams withReorder(double p, long hold) {
        return new LinkParams(delay, jitter, loss, duplicate, duplicateGap, p, hold, bandwidth, queueLimit, msl);
    }

    public LinkParams withBandwidth(long bytesPerSecond, int queue) {
        return new LinkParams(delay, jitter, loss, duplicate, duplicateGap, reorder, reorderHold, bytesPerSecond, queue, msl);
    }

    public LinkParams withMsl(long micros) {
        return new LinkParams(delay, jitter, loss, duplicate, duplicateGap, reorder, reorderHold, bandwidth, queueLimit, micros);
    }

    /** How long a held-back segment waits, with the default filled in. */
    public long effectiveReorderHold() { return reorderHold > 0 ? reorderHold : Math.max(delay, 1_000); }

    private static void nonNegative(String name, long value) {
        if (value < 0) throw new IllegalArgumentException("link " + name + " must be ≥ 0, got " + value);
    }

    private static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("link " + name + " must be a probability in 0..1, got " + p);
    }
}
