package io.tcpemu.workload;

import io.tcpemu.runtime.RuntimeEnv;
import io.tcpemu.trace.TraceEvent;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Counts a driver's failure in its tally and publishes it on the trace, before the failure goes
 * on to the restart strategy: a restart must never be silent. It runs in the driver, on its host's
 * partition, so the event carries the driver's own time.
 */
final class FailureNotice<T> extends BehaviorInterceptor<T, T> {
    private final String driver;
    private final String host;
    private final Tally tally;
    private final RuntimeEnv env;

    @SuppressWarnings("unchecked")
    private FailureNotice(String driver, String host, Tally tally, RuntimeEnv env) {
        super((Class<T>) (Class<?>) Object.class);
        this.driver = driver;
        this.host = host;
        this.tally = tally;
        this.env = env;
    }

    static <T> Behavior<T> around(Behavior<T> behavior, String driver, String host, Tally tally, RuntimeEnv env) {
        return Behaviors.intercept(() -> new FailureNotice<>(driver, host, tally, env), behavior);
    }

    @Override
    public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
        try {
            return target.apply(ctx, msg);
        } catch (RuntimeException e) {
            tally.failures++;
            if (env.trace().enabled()) {
                env.trace().publish(new TraceEvent.HostEvent(env.time().now(), host, "failure",
                        "workload driver " + driver + ": " + e + "; restarting"));
            }
            throw e;
        }
    }

    @Override
    public Behavior<T> aroundSignal(TypedActorContext<T> ctx, Signal signal, SignalTarget<T> target) {
        return target.apply(ctx, signal);
    }
}
